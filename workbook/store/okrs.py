"""Quarterly OKRs: save them with rows matched by id (history survives edits), outcomes, support."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..core.dates import day_in_quarter, outcome_day, outcome_day_problem, quarter_bounds, status_days
from ..core.errors import InputError, NotFound
from ..core.labels import plural
from ..core.model import (
    STORED,
    KeyResult,
    KRRef,
    Objective,
    QuarterOKRs,
    Support,
    check_quarter,
)
from ..core.rules import Finding, check_okrs, raise_on_errors
from .base import _grandfather, _new_id
from .door import check_dates, check_period_start, check_status_day, order_problem
from .history import HistoryStore, diff_fields
from .private import save_private, select_with_private
from .schema import goals_t, krs_t, objectives_t, plans_t, quarters_t, support_t


class OKRsStore(HistoryStore):
    """Quarterly objectives, key results and their support."""

    def save_okrs(self, okrs: QuarterOKRs) -> list[Finding]:
        """Write a person's OKRs for a quarter. Rows are matched by id (else by position), so check-in
        history and support commitments survive edits; with no objective left the quarter has no OKRs (as if none
        had been set). Raises RuleViolation (nothing written) past a limit."""
        with self.atomic() as conn:
            self._require_person(conn, okrs.person)
            before = self.okrs(okrs.person, okrs.quarter)
            if before is None:
                check_period_start(f"quarter {okrs.quarter}", quarter_bounds(okrs.quarter)[0])
            findings = check_okrs(okrs.person, okrs.quarter, okrs.objectives, self.limits())
            if before is not None:  # past quarters stay editable (outcomes) after a limit is lowered, if they do not grow
                old_krs = {o.id: len(o.key_results) for o in before.objectives}
                allowed = {("too_many_objectives", ""): len(before.objectives) >= len(okrs.objectives)}
                for i, o in enumerate(okrs.objectives, 1):
                    allowed[("too_many_key_results", f"objective {i}")] = len(o.key_results) <= old_krs.get(o.id, 0)
                findings = _grandfather(findings, allowed)
            findings = raise_on_errors(findings)
            year = int(okrs.quarter[:4])
            n_goals = conn.execute(sa.select(sa.func.count()).select_from(goals_t.join(plans_t)).where(
                plans_t.c.person_id == okrs.person, plans_t.c.year == year)).scalar_one()
            for i, obj in enumerate(okrs.objectives, 1):
                if obj.goal is not None and obj.goal > n_goals:
                    raise InputError(f"objective {i} links to goal {obj.goal}, but {okrs.person} has "
                                     f"{plural(n_goals, 'growth goal')} for {year}; link an existing goal or leave it empty")
            self._check_okr_dates(conn, before, okrs)
            qid = conn.execute(sa.select(quarters_t.c.id).where(
                quarters_t.c.person_id == okrs.person, quarters_t.c.quarter == okrs.quarter)).scalar()
            if qid is None:
                qid = _new_id(conn.execute(quarters_t.insert().values(person_id=okrs.person, quarter=okrs.quarter)))
            self._write_objectives(conn, qid, okrs.objectives)
            after = self.okrs(okrs.person, okrs.quarter)
            assert after is not None
            self._log_okrs_diff(conn, before, after)
            if not okrs.objectives:  # the last objective deleted: no OKRs for the quarter, for `due`, an export and an import alike
                conn.execute(quarters_t.delete().where(quarters_t.c.id == qid))
            return findings

    @staticmethod
    def _check_okr_dates(conn: Connection, before: QuarterOKRs | None, okrs: QuarterOKRs) -> None:
        """Target and support dates the save adds or changes must be plausible (a date already in the quarter
        before this save is left alone: see :mod:`workbook.store.door`)."""
        known = {d for o in (before.objectives if before else []) for k in o.key_results
                 for d in (k.target_date, *(s.due for s in k.support), *(s.requested_on for s in k.support))
                 if d is not None}
        known_outcomes = {k.outcome_on for o in (before.objectives if before else []) for k in o.key_results}
        stored = {s.id: s for o in (before.objectives if before else []) for k in o.key_results for s in k.support}
        for i, obj in enumerate(okrs.objectives, 1):
            for j, kr in enumerate(obj.key_results, 1):
                if kr.outcome is not None and kr.outcome_on not in known_outcomes and (
                        problem := outcome_day_problem(okrs.quarter, kr.outcome_on, outcome=kr.outcome)):
                    raise InputError(problem, None, f"OKRs {okrs.person} {okrs.quarter} objective {i} key result {j}")
                dates = {"target_date": kr.target_date, **{f"support {n} due": s.due for n, s in enumerate(kr.support, 1)},
                         **{f"support {n} requested_on": s.requested_on for n, s in enumerate(kr.support, 1)}}
                check_dates(conn, okrs.person, {k: (v if v in known else None, v) for k, v in dates.items()},
                            where=f"OKRs {okrs.person} {okrs.quarter} objective {i} key result {j}")
                for n, sp in enumerate(kr.support, 1):  # due after it was asked for: a new or changed due day only
                    was = stored.get(sp.id) if sp.id is not None else None
                    if sp.due is None or (was is not None and was.due == sp.due) or (was is None and kr.moved_from):
                        continue  # as it was, or carried with a key result moved from an earlier quarter
                    asked = (sp.requested_on or (was.requested_on if was is not None else None)
                             or day_in_quarter(okrs.quarter) or quarter_bounds(okrs.quarter)[0])
                    if (problem := order_problem(("the day it was asked for", asked), (f"support {n} due", sp.due),
                                                 why=f"support is due after it is asked for (a due day from {asked}, "
                                                     "or none)")):
                        raise InputError(problem, None, f"OKRs {okrs.person} {okrs.quarter} objective {i} key result {j}")

    @staticmethod
    def _match_rows(existing: list[int], wanted: list[int | None], reserved: set[int] = frozenset()) -> list[int | None]:  # type: ignore[assignment]
        """Match incoming rows to existing ids: by id when given, else the existing row at the same position
        (unless that row's id is ``reserved``: asked for by id elsewhere)."""
        claimed = {i for i in wanted if i in existing} | set(reserved)
        matched: list[int | None] = []
        for pos, given in enumerate(wanted):
            if given in existing:
                matched.append(given)
            elif given is None and pos < len(existing) and existing[pos] not in claimed:
                matched.append(existing[pos])
                claimed.add(existing[pos])
            else:
                matched.append(None)
        return matched

    def _write_objectives(self, conn: Connection, qid: int, objectives: list[Objective]) -> None:
        """Objectives and key results keep their ids (and so their check-in history and support) when
        they are edited, reordered or when another row is removed; rows are matched by id first."""
        person_id, quarter = conn.execute(sa.select(quarters_t.c.person_id, quarters_t.c.quarter)
                                          .where(quarters_t.c.id == qid)).one()
        existing_objs = list(conn.execute(sa.select(objectives_t.c.id).where(objectives_t.c.quarter_id == qid)
                                          .order_by(objectives_t.c.position)).scalars())
        obj_ids = self._match_rows(existing_objs, [o.id for o in objectives])
        existing_krs = {oid: list(conn.execute(sa.select(krs_t.c.id).where(krs_t.c.objective_id == oid)
                                               .order_by(krs_t.c.position)).scalars()) for oid in existing_objs}
        all_krs = [k for ks in existing_krs.values() for k in ks]
        recorded = {int(i): (o, d) for i, o, d in conn.execute(sa.select(krs_t.c.id, krs_t.c.outcome, krs_t.c.outcome_on)
                                                                 .where(krs_t.c.id.in_(all_krs)))} if all_krs else {}
        kr_ids: list[list[int | None]] = []
        asked: set[int] = {k.id for o in objectives for k in o.key_results if k.id is not None and k.id in all_krs}
        for obj, oid in zip(objectives, obj_ids, strict=True):
            own = existing_krs.get(oid, []) if oid is not None else []
            by_id = [k.id if k.id in all_krs else None for k in obj.key_results]
            matched = self._match_rows(own, by_id, asked)
            kr_ids.append([m if m is not None else (k.id if k.id in all_krs else None)
                           for m, k in zip(matched, obj.key_results, strict=True)])
        keep_objs = {o for o in obj_ids if o is not None}
        keep_krs = {k for ks in kr_ids for k in ks if k is not None}
        if all_krs:
            conn.execute(krs_t.delete().where(krs_t.c.id.in_(all_krs), krs_t.c.id.not_in(keep_krs)))
        conn.execute(objectives_t.delete().where(objectives_t.c.quarter_id == qid, objectives_t.c.id.not_in(keep_objs)))
        # two passes: park kept rows at unique negative positions so renumbering cannot clash
        for parked in keep_objs:
            conn.execute(objectives_t.update().where(objectives_t.c.id == parked).values(position=-parked))
        for parked in keep_krs:
            conn.execute(krs_t.update().where(krs_t.c.id == parked).values(position=-parked))
        for i, (obj, matched_oid) in enumerate(zip(objectives, obj_ids, strict=True), 1):
            oid = matched_oid
            vals = dict(text=obj.text, goal_position=obj.goal, position=i)
            if oid is None:
                oid = _new_id(conn.execute(objectives_t.insert().values(quarter_id=qid, **vals)))
            else:
                conn.execute(objectives_t.update().where(objectives_t.c.id == oid).values(**vals))
            save_private(conn, objectives_t, oid, {"understanding": obj.understanding, "supplement": obj.supplement,
                                                   "aligned_work": obj.aligned_work})
            for j, (kr, matched_kid) in enumerate(zip(obj.key_results, kr_ids[i - 1], strict=True), 1):
                kid = matched_kid
                kvals = dict(text=kr.text, target_date=kr.target_date, outcome=kr.outcome, outcome_note=kr.outcome_note,
                             outcome_on=self._outcome_on(kr, recorded.get(kid) if kid is not None else None, quarter),
                             position=j, objective_id=oid, moved_from_id=self._kr_id_at(conn, person_id, kr.moved_from))
                if kid is None:
                    kid = _new_id(conn.execute(krs_t.insert().values(**kvals)))
                else:
                    conn.execute(krs_t.update().where(krs_t.c.id == kid).values(**kvals))
                # support rows keep their ids across edits (commitments are tracked by id later)
                keep = [sp.id for sp in kr.support if sp.id is not None]
                conn.execute(support_t.delete().where(support_t.c.key_result_id == kid, support_t.c.id.not_in(keep)))
                for sp in kr.support:
                    values = sp.model_dump(exclude={"id"} | ({"requested_on"} if sp.requested_on is None else set()))
                    stored = conn.execute(sa.select(support_t.c.status, support_t.c.status_on, support_t.c.status_before)
                                          .where(support_t.c.id == sp.id, support_t.c.key_result_id == kid)
                                          ).first() if sp.id is not None else None
                    if stored is not None:  # an edit keeps the day it was asked, and dates a change of status
                        values = {k: v for k, v in values.items() if k not in ("status_on", "status_before")}
                        values |= status_days(stored[0], stored[1], stored[2], sp.status)
                        conn.execute(support_t.update().where(support_t.c.id == sp.id).values(**values))
                        continue
                    conn.execute(support_t.insert().values(**{"requested_on": day_in_quarter(quarter), **values,
                                                              "key_result_id": kid}))

    @staticmethod
    def _outcome_on(kr: KeyResult, before: tuple[str | None, dt.date | None] | None, quarter: str) -> dt.date | None:
        """The day a key result's outcome is dated: none without an outcome; the day it was recorded, kept while the
        outcome stays the same; a day the caller gave (an import, the demo's close); else today (see
        :func:`~workbook.core.dates.outcome_day`)."""
        if kr.outcome is None:
            return None
        old_outcome, old_day = before if before is not None else (None, None)
        if old_outcome == kr.outcome:
            return kr.outcome_on if kr.outcome_on is not None else old_day
        if kr.outcome_on is not None and (before is None or kr.outcome_on != old_day):
            return kr.outcome_on
        return outcome_day(quarter)

    def add_objective(self, person_id: str, quarter: str, objective: Objective) -> list[Finding]:
        """Append an objective to a quarter; RuleViolation (nothing written) past the limit."""
        with self.atomic():
            okrs = self.okrs(person_id, quarter) or QuarterOKRs(person=person_id, quarter=quarter)
            okrs.objectives.append(objective)
            return self.save_okrs(okrs)

    def add_key_result(self, person_id: str, quarter: str, objective: int, kr: KeyResult) -> list[Finding]:
        """Append a key result to objective number ``objective`` (1-based); RuleViolation past the limit."""
        with self.atomic() as conn:
            self._require_person(conn, person_id)  # an unknown person is said as such
            okrs = self.okrs(person_id, quarter)
            if okrs is None or not 1 <= objective <= len(okrs.objectives):
                raise NotFound(f"{person_id} has no objective {objective} in {quarter}; add the objective first")
            okrs.objectives[objective - 1].key_results.append(kr)
            return self.save_okrs(okrs)

    @staticmethod
    def _quarter_id(conn: Connection, person_id: str, quarter: str) -> int | None:
        return conn.execute(sa.select(quarters_t.c.id).where(
            quarters_t.c.person_id == person_id, quarters_t.c.quarter == check_quarter(quarter))).scalar()

    def kr_ids(self, person_id: str, quarter: str) -> dict[tuple[int, int], int] | None:
        """The ids of a quarter's key results by (objective, key result) position, or None when the
        person has no OKRs for that quarter (two queries)."""
        with self._read() as conn:
            qid = self._quarter_id(conn, person_id, quarter)
            if qid is None:
                return None
            rows = conn.execute(sa.select(objectives_t.c.position, krs_t.c.position, krs_t.c.id)
                                .select_from(objectives_t.join(krs_t))
                                .where(objectives_t.c.quarter_id == qid)).all()
        return {(int(o), int(k)): int(i) for o, k, i in rows}

    def okrs(self, person_id: str, quarter: str) -> QuarterOKRs | None:
        """A person's OKRs for a quarter, or None."""
        quarter = check_quarter(quarter)
        with self._read() as conn:
            qid = self._quarter_id(conn, person_id, quarter)
            if qid is None:
                return None
            objectives = []
            for o in conn.execute(select_with_private(objectives_t).where(objectives_t.c.quarter_id == qid).order_by(objectives_t.c.position)).mappings():
                krs = []
                for k in conn.execute(sa.select(krs_t).where(krs_t.c.objective_id == o["id"]).order_by(krs_t.c.position)).mappings():
                    sup = [Support.model_validate({c: s[c] for c in ("who", "what", "status", "due", "requested_on", "status_on",
                                                                     "status_before", "id")},
                                                  context=STORED)
                           for s in conn.execute(sa.select(support_t).where(support_t.c.key_result_id == k["id"]).order_by(support_t.c.id)).mappings()]
                    krs.append(KeyResult.model_validate(
                        {**{c: k[c] for c in ("text", "target_date", "outcome", "outcome_note", "outcome_on", "position", "id")},
                         "support": sup, "moved_from": self._kr_ref(conn, k["moved_from_id"])}, context=STORED))
                objectives.append(Objective.model_validate(
                    {**{c: o[c] for c in ("text", "understanding", "supplement", "aligned_work", "position", "id")},
                     "goal": o["goal_position"], "key_results": krs}, context=STORED))
        return QuarterOKRs(person=person_id, quarter=quarter, objectives=objectives, id=qid)

    def set_outcome(self, person_id: str, quarter: str, objective: int, key_result: int, outcome: str, note: str = "",
                    on: dt.date | None = None) -> None:
        """Record a key result's outcome at quarter close (met, partly_met, not_met, carried_over, dropped), dated
        ``on`` (default: today, see :func:`~workbook.core.dates.outcome_day`)."""
        with self.atomic():
            okrs = self.okrs(person_id, quarter)
            kr = self._kr(okrs, person_id, quarter, objective, key_result)
            kr.outcome = outcome  # validated by the model
            kr.outcome_note = note
            if on is not None:
                kr.outcome_on = on
            self.save_okrs(okrs)  # type: ignore[arg-type]

    def add_support(self, person_id: str, quarter: str, objective: int, key_result: int, support: Support) -> int:
        """List ``support`` a key result needs (asked for on ``support.requested_on``, else today while the quarter
        runs, else at its start) and return its id. NotFound for a key result that is not there; the dates are
        checked as a save of the OKRs checks them (nothing written otherwise)."""
        with self.atomic() as conn:
            self._require_person(conn, person_id)  # an unknown person is said as such
            okrs = self.okrs(person_id, quarter)
            kr = self._kr(okrs, person_id, quarter, objective, key_result)
            before = {s.id for s in kr.support}
            kr.support.append(support)
            self.save_okrs(okrs)  # type: ignore[arg-type]
            after = self._kr(self.okrs(person_id, quarter), person_id, quarter, objective, key_result)
            return next(int(s.id) for s in after.support if s.id not in before and s.id is not None)

    def set_support_status(self, support_id: int, status: str, on: dt.date | None = None) -> None:
        """Move a support commitment to ``status``, changed ``on`` a day (default today; not after today, nor
        before it was asked for): a summary dated before that day shows the status it had."""
        Support(who="x", what="x", status=status)  # type: ignore[arg-type]  # validates with a clear message
        with self.atomic() as conn:
            old = self._support_row(conn, support_id)
            check_status_day(on, ("requested_on", old["requested_on"]), ("its last change of status", old["status_on"]),
                             where=f"support {support_id}")
            conn.execute(support_t.update().where(support_t.c.id == support_id).values(
                status=status, **status_days(old["status"], old["status_on"], old["status_before"], status, on)))
            self._log(conn, old["person_id"], "support", support_id, "edit", old["label"],
                      diff_fields("support", {"status": old["status"]}, {"status": status}))

    @staticmethod
    def _support_row(conn: Connection, support_id: int) -> dict:  # type: ignore[type-arg]
        """A support commitment with its person, quarter and key result label; NotFound for an unknown id."""
        row = conn.execute(
            sa.select(support_t, quarters_t.c.person_id, quarters_t.c.quarter, objectives_t.c.position.label("obj"),
                      krs_t.c.position.label("kr"))
            .select_from(support_t.join(krs_t).join(objectives_t).join(quarters_t))
            .where(support_t.c.id == support_id)).mappings().first()
        if row is None:
            raise NotFound(f"no support commitment with id {support_id}; `workbook support list PERSON` shows the ids")
        return {**row, "label": f"support for O{row['obj']}·KR{row['kr']} of {row['quarter']}"}

    @staticmethod
    def _kr_ref(conn: Connection, kr_id: int | None) -> KRRef | None:
        """Where key result ``kr_id`` sits now (quarter and positions), or None."""
        if kr_id is None:
            return None
        row = conn.execute(sa.select(quarters_t.c.quarter, objectives_t.c.position.label("o"), krs_t.c.position.label("k"))
                           .select_from(krs_t.join(objectives_t).join(quarters_t)).where(krs_t.c.id == kr_id)).first()
        return KRRef(quarter=row[0], objective=row[1], key_result=row[2]) if row else None

    @staticmethod
    def _kr_id_at(conn: Connection, person_id: str, ref: KRRef | None) -> int | None:
        """The id of the person's key result at ``ref`` (None when there is none: lineage is kept where it can be)."""
        if ref is None:
            return None
        return conn.execute(sa.select(krs_t.c.id).select_from(krs_t.join(objectives_t).join(quarters_t)).where(
            quarters_t.c.person_id == person_id, quarters_t.c.quarter == ref.quarter,
            objectives_t.c.position == ref.objective, krs_t.c.position == ref.key_result)).scalar()

    @staticmethod
    def _kr(okrs: QuarterOKRs | None, person_id: str, quarter: str, objective: int, key_result: int) -> KeyResult:
        if okrs is None:
            raise NotFound(f"{person_id} has no OKRs for {quarter}; set them first")
        if not 1 <= objective <= len(okrs.objectives):
            raise NotFound(f"{person_id} has {plural(len(okrs.objectives), 'objective')} in {quarter}, not {objective}")
        krs = okrs.objectives[objective - 1].key_results
        if not 1 <= key_result <= len(krs):
            raise NotFound(f"objective {objective} of {person_id} in {quarter} has {plural(len(krs), 'key result')}, "
                           f"not {key_result}")
        return krs[key_result - 1]

