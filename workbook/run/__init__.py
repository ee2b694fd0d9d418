"""Running notebooks headless: kernels forked from a warm process, papermill batches, the quarter-end summaries.

Importing papermill or nbformat imports jsonschema, which builds the grammars of ``rfc3987_syntax`` when
that package is installed: about 1.1 s of every batch's start (measured, see FIELD-NOTES), spent on
IRI format checks that no notebook schema uses. Marking it absent makes jsonschema skip those checks.
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
