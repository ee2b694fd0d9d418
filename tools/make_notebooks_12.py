"""Write the stage 1 and 2 notebooks (conversation log, growth goals) without outputs.

Run from the project root: ``.venv/bin/python tools/make_notebooks_12.py``. The notebooks are thin
guides: every rule and computation lives in ``workbook/`` (stages/, render/, forms/).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

# Empty: the page's pickers choose (see workbook/notebook.py); papermill sets them for batch runs.
PARAMETERS = 'person = ""\nperiod = ""\ndb = ""\nas_of = ""'


def _notebook(prefix: str, cells: list) -> nbformat.NotebookNode:
    for i, cell in enumerate(cells):
        cell.id = f"{prefix}-{i:02d}"  # stable ids: regenerating gives the same file
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def _parameters() -> nbformat.NotebookNode:
    return new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]})


LOG_INTRO = """\
# Conversation log: push and pull

A career conversation is not only the annual review. It happens whenever career information flows:
in a 1:1, a check-in, a project discussion, or over coffee. Two directions:

- **Pull**: you learn a piece of their puzzle: goals, interests, values, history, what they want to
  learn, how they see their own strengths and weaknesses.
- **Push**: you give them something that helps them decide: career paths, the skills a role needs,
  people to talk to, opportunities, strengths you have seen, learning, gaps, feedback, goals to consider.

Push works best when it is personal, so pull first, then push what fits what you learned.

**How to use this page** (about ten seconds a note):

1. Pick *pull* or *push*. The topic list changes to match.
2. Write one or two sentences in your own words. The date is today; the setting is a 1:1 unless you
   change it.
3. Notes are **private** by default: private notes show here and in your other stage notebooks,
   marked "private", and never in a shared summary. Choose *shared* only for what the report may read.
4. Add a follow-up and a due date if you promised something. Then **Save note**: the text clears for
   the next note and the report below refreshes.
5. A note with a mistake (a wrong date, a typo)? Under the form, your notes each have **Edit** (it
   loads into the form: *Save changes*) and **Delete** (asks once). The old values stay in its history,
   as private as the note was.

Below the form: which pieces of the puzzle you have (and which are missing or stale), what you have
pushed, pushes suggested from what you pulled (each says why), and follow-ups that are due.

**Pick the person and the day** at the top of the page: the form and everything under it follow. The
page opens on the person you last worked on (in the app: the one whose link you followed).
"""

GOALS_INTRO = """\
# Annual growth goals

Once or twice a year, after the performance review, your report drafts **at most three** growth goals
for the year. They draft, not you: the goals are theirs to own. Your part is the references, honest
feedback, and agreeing a final version with priorities in your first career conversation of the year.

**Before the conversation**, look at the references below: the career motivations from their onboarding
1:1, the feedback from the last review, what you have pulled about their goals, interests and
self-assessment, and what the career ladder expects at the next level. The ladder should inform about
half to three quarters of the goals; the rest can be personal.

**In the form**, one box per goal:

- *Their draft* is the report's own wording; keep it as they wrote it.
- Write *your feedback*, then the *agreed goal* you settle on together ("Use their draft" copies it).
- Set the *priority* and tag the *competencies* the goal builds (the ladder's top three suggestions are
  buttons under each goal).
- Hints appear as you type: a task instead of growth, a vague soft skill, or a symptom of overload
  ("multitask", "be faster"), where the real growth is usually prioritization and stakeholder management.
- **Save** keeps the status you choose (draft, in discussion); **Agree and save** marks the plan agreed.
  More goals than the limit are flagged while you type and refused when you save; nothing is saved then.

Below the form, the plan side by side (their draft next to the agreed goal) and the next-level
competencies the goals cover. Each field says whether it stays private or is printed in their quarterly
summary. **Pick the person and the day** at the top of the page: everything below follows.
"""


def conversation_log() -> nbformat.NotebookNode:
    return _notebook("log", [
        new_markdown_cell(LOG_INTRO),
        _parameters(),
        new_code_cell("from workbook.forms.conversation_log import follow_ups_panel, show_puzzle, show_puzzle_chart, show_recent_notes\n"
                      "from workbook.notebook import open_page\n\n"
                      'page = open_page("log", person, period, db, as_of)\n'
                      "page"),
        new_markdown_cell("## What you have noted lately"),
        new_code_cell("show_recent_notes(page.ctx, page)"),
        new_markdown_cell("## Log a note\n\n*The form appears when this notebook runs in JupyterLab or Voila; "
                          "a printed or exported copy shows only the tables.*"),
        new_code_cell("page.form_area"),
        new_markdown_cell("## Follow-ups due\n\nWhat you said you would do. Mark one done when it is done."),
        new_code_cell("follow_ups_panel(page.ctx, page)"),
        new_markdown_cell("## The puzzle\n\nWhat you know, what is missing, and what to push next."),
        new_code_cell("show_puzzle(page.ctx, page)"),
        new_code_cell("show_puzzle_chart(page.ctx, page)"),
    ])


def growth_goals() -> nbformat.NotebookNode:
    return _notebook("goals", [
        new_markdown_cell(GOALS_INTRO),
        _parameters(),
        new_code_cell("from workbook.forms.goals import show_coverage_chart, show_goal_context, show_goals_report\n"
                      "from workbook.notebook import open_page\n\n"
                      'page = open_page("goals", person, period, db, as_of)\n'
                      "page"),
        new_markdown_cell("## The references"),
        new_code_cell("show_goal_context(page.ctx, page)"),
        new_markdown_cell("## Draft, feedback, agreement\n\n*The form appears when this notebook runs in JupyterLab or "
                          "Voila; a printed or exported copy shows the plan in the table below.*"),
        new_code_cell("page.form_area"),
        new_markdown_cell("## The plan side by side"),
        new_code_cell("show_goals_report(page.ctx, page)"),
        new_code_cell("show_coverage_chart(page.ctx, page)"),
    ])


def main() -> None:
    NOTEBOOKS.mkdir(exist_ok=True)
    for name, nb in (("01_conversation_log.ipynb", conversation_log()), ("02_growth_goals.ipynb", growth_goals())):
        nbformat.validate(nb)
        nbformat.write(nb, NOTEBOOKS / name)
        print(f"wrote notebooks/{name}")


if __name__ == "__main__":
    main()
