"""Claim metadata: what each spec module checks, and what we found.

Every module under ``spec/`` defines ``CLAIM = Claim(...)``. The plugin
validates it at collection (a module without it, or with a bad one, is a
collection error) and the claims report groups claims by ``section``.
"""
import re
from dataclasses import asdict, dataclass, field

#: The sections of the notes, in the notes' order (their headings, spelling kept).
SECTIONS = (
    "Parellelism vs Concurrency",
    "Generators",
    "Co-routine",
    "concurrent execution using generators",
    "gevent",
    "Threading in python",
    "GIL",
    "Thread group",
    "ThreadSync: Events",
    "Background daemon threads",
    "Method 2 of creating thread",
    "ThreadSync: Mutex",
    "ThreadSync: Barriers",
    "ThreadSync: Condition",
    "ThreadSync: Semaphore",
    "Inbuilt- Queue",
    "Builtin: LifoQueue",
    "Builtin: PriorityQueue",
    "ThreadPoolExecutor",
    "ProcessPoolExecutor",
    "Process vs Thread",
    "Data sharing between process: Value",
    "Data sharing between process: Buffer",
    "Data sharing between process: dict or list",
    "Concurrency: asyncio",
    "Sync usage recommendations",
    "Profiling a function in python",
    "Profiling a program in Linux",
)

#: What we found, and what each verdict requires besides ``notes``.
VERDICTS = {
    "holds": "the notes are right, and the tests confirm it",
    "partly": "the notes are right as far as they go; `truth` says what they miss or get wrong in part",
    "notes-wrong": "the notes are wrong; `truth` says what is true instead",
    "runtime-dependent": "true on some runtimes only; `depends_on` says on what",
    "opinion": "advice or judgement, not a fact; `truth` says what was measured and where the advice stops holding",
}
_REQUIRED = {
    "partly": "truth",
    "notes-wrong": "truth",
    "runtime-dependent": "depends_on",
    "opinion": "truth",
}


class ClaimError(ValueError):
    """A spec module's CLAIM is missing or malformed."""


@dataclass(frozen=True)
class Claim:
    """One claim of the notes.

    section:    the notes' section heading it comes from (one of ``SECTIONS``)
    notes:      what the notes say, in our own words (their claim, not a friendlier one)
    verdict:    one of ``VERDICTS``
    truth:      what is true: what the notes miss (partly), what is true instead
                (notes-wrong), what was measured and where the advice stops (opinion);
                optional for holds and runtime-dependent
    depends_on: what the outcome depends on (runtime-dependent)
    line:       the line of the notes where the statement is made (1-based); the
                document lists the claims of a section in this order
    changed_in: the CPython versions that changed the claim's fact, each with what changed
                and a link to where CPython says so (What's New, the docs' versionchanged,
                a CPython issue): ``{"3.14": ("forkserver became Linux's default", "https://docs.python.org/3/...")}``;
                the page's history marks each change with it
    """

    section: str
    notes: str
    verdict: str
    truth: str = ""
    depends_on: str = ""
    line: int = 0
    changed_in: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        problems = validate(self)
        if problems:
            raise ClaimError("; ".join(problems))

    def as_dict(self):
        data = asdict(self)
        for key in ("extra", "changed_in"):
            if not data[key]:
                del data[key]
        if "changed_in" in data:
            data["changed_in"] = {v: list(e) for v, e in data["changed_in"].items()}
        return data


def validate(claim):
    """Everything wrong with a claim, as sentences (empty when it is valid)."""
    problems = []
    if not isinstance(claim, Claim):
        return [f"CLAIM must be a claimspec.Claim, not {type(claim).__name__}"]
    if claim.section not in SECTIONS:
        problems.append(
            f"unknown section {claim.section!r}: use one of the notes' headings "
            "listed in claimspec.claims.SECTIONS"
        )
    if not str(claim.notes).strip():
        problems.append("`notes` must say, in our words, what the notes claim")
    if not isinstance(claim.line, int) or isinstance(claim.line, bool) or claim.line < 0:
        problems.append("`line` must be the notes' line number where the statement is made (a positive int)")
    if not isinstance(claim.changed_in, dict):
        problems.append("`changed_in` must map CPython versions to (what changed, link)")
    else:
        for version, entry in claim.changed_in.items():
            if not re.fullmatch(r"3\.\d+", str(version)):
                problems.append(f"`changed_in` key {version!r} must be a CPython version like '3.14'")
            if not (isinstance(entry, (tuple, list)) and len(entry) == 2 and str(entry[0]).strip()
                    and str(entry[1]).startswith("https://")):
                problems.append(f"`changed_in[{version!r}]` must be (what changed, an https:// link)")
    if claim.verdict not in VERDICTS:
        problems.append(f"unknown verdict {claim.verdict!r}: use one of {', '.join(VERDICTS)}")
    else:
        needed = _REQUIRED.get(claim.verdict)
        if needed and not str(getattr(claim, needed)).strip():
            problems.append(f"verdict {claim.verdict!r} needs `{needed}`: {VERDICTS[claim.verdict]}")
    return problems
