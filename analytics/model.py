"""Plain data types passed between the pipeline stages (read -> extract -> validate -> load).

Each stage takes one of these and returns the next; no stage reaches back into an earlier one.
Money is `Decimal` in 万元 throughout; the unit printed in the document is kept in `unit_found`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Kind = Literal["budget", "final"]
Measure = Literal["amount", "yoy_change", "yoy_pct"]
Basis = Literal["stated", "derived"]
Method = Literal["narrative", "table"]
Severity = Literal["error", "warning", "info"]
Level = Literal["central", "province", "prefecture", "county"]  # of government (see extract.level)


@dataclass(frozen=True)
class Paragraph:
    """One line or paragraph of running text, already normalised (half-width, simplified)."""

    text: str


@dataclass(frozen=True)
class Table:
    """A table as rows of cell strings (normalised like paragraphs). `caption` is the sheet name or
    a title line the reader found attached to the table, if any; `page` the page (PDF) or sheet
    (workbook) it starts on, counted from 1, where the format has pages (not compared: the same
    table read from another format is equal). `loose` holds rows of figures that a text export
    printed without their empty cells ('22.00 | 8.77 |' under twelve columns): which column each
    figure stands in is not known, so they are kept apart from `rows` (see extract/tables/shifted)."""

    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None
    page: int | None = field(default=None, compare=False, repr=False)
    loose: tuple[tuple[str, ...], ...] = field(default=(), repr=False)


Block = Paragraph | Table


@dataclass
class Document:
    """What a reader makes of one file: ordered blocks plus where they came from."""

    source_path: str
    format: str  # 'text', 'docx', 'doc', 'pdf', 'xlsx', 'xls', 'html'
    sha256: str  # of the file's bytes; also the document's id
    blocks: list[Block]
    encoding: str | None = None  # detected text encoding, for formats that have one
    notes: list[str] = field(default_factory=list)  # what the reader repaired or dropped
    # 'traditional' when the file was printed in traditional characters (the text is converted to
    # simplified; names as printed are given back in the document's own script)
    script: Literal["simplified", "traditional"] = "simplified"

    @property
    def doc_id(self) -> str:
        return self.sha256[:16]

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


@dataclass(frozen=True)
class Evidence:
    """Where a metadata field was read: the `value` read, its `source` (one of METADATA_SOURCES)
    and the `text` it was read from (a line, cut to 160 characters)."""

    value: str
    source: str
    text: str


METADATA_SOURCES = (
    "title",  # the lines that open a web page or text, before its first sentence or heading
    "cover",  # the same for a printed document (PDF, Word): its cover page
    "header",  # a label and its value: '部门:…', '单位名称:…', '发布机构:…', '标题:…'
    "body",  # a sentence: '现将…2019年度部门决算公开如下', '2016年,市人大“三公”经费…'
    "table caption",  # a table's title line
    "table",  # a cell pair such as '编制单位' | '…局'
    "signature",  # the closing name above the date ('海南省审计厅' / '2016年2月19日')
    "contact",  # a contact footer ('联系方式:…局政务公开电子邮箱…'): weak, below title and header
    "file name",  # the file's name, or a file name printed at the top of a page
    "folder name",  # the name of the folder the file lies in
)


@dataclass
class Metadata:
    """Who published the document, about which fiscal year, and of which kind."""

    title: str | None = None
    department: str | None = None  # canonical full name (simplified), one per real department
    department_printed: str | None = None  # as the document prints it, in its own script
    department_type: str | None = None  # 科协, 教育, 财政, ...
    region: str | None = None  # most specific 省/市/县/区 (or zone), as the document names it
    province: str | None = None  # official simplified name
    year: int | None = None  # the fiscal year reported on
    kind: Kind | None = None
    region_code: str | None = None  # GB/T 2260 code of `region` ('532800'); None for a zone
    level: Level | None = None  # the department's level of government, told from it and `region`
    # the names the document gives its department, as they stand in its (simplified) text: the
    # printed one first ('国办', '国务院办公厅'); for the extractor to know the document's own name
    names_in_text: tuple[str, ...] = ()
    # field -> where it was read ('department', 'department_full', 'region', 'year', 'kind')
    evidence: dict[str, Evidence] = field(default_factory=dict)


@dataclass(frozen=True)
class Fact:
    """One figure, with the text it came from."""

    metric: str  # a key of data/reference/metrics.csv
    measure: Measure
    value: Decimal  # 万元 for money, a count for counts, percent for yoy_pct
    year: int  # the year the figure refers to
    kind: Kind
    unit_found: str | None  # the unit printed beside the figure: '万元', '元', '亿元', '辆', '%', or None
    basis: Basis
    section: str | None  # the heading of the section it stands in, e.g. '四、财政拨款“三公”经费预算情况…'
    method: Method
    quote: str  # the sentence or the table row it came from
    reason: str | None = None  # the stated cause of a change
    # the ordinal of the table it came from (see TableSeen), None for a sentence; not compared
    table: int | None = field(default=None, compare=False, repr=False)


def new_fact(
    metric: str,
    measure: Measure,
    value: Decimal,
    year: int,
    kind: Kind,
    unit_found: str | None,
    basis: Basis,
    section: str | None,
    method: Method,
    quote: str,
    reason: str | None = None,
    table: int | None = None,
) -> Fact:
    """`Fact(...)` for the extractor's hot paths: the same object, made by filling its fields at once
    instead of through the frozen dataclass's one guarded assignment per field (2.5x faster; a
    document makes about 70). tests/test_model.py holds it to Fact's fields."""
    fact = object.__new__(Fact)
    fact.__dict__.update(
        metric=metric, measure=measure, value=value, year=year, kind=kind, unit_found=unit_found, basis=basis,
        section=section, method=method, quote=quote, reason=reason, table=table,
    )  # fmt: skip
    return fact


@dataclass(frozen=True)
class PerformanceGoal:
    """One indicator row of a 部门职责-工作活动绩效目标 table (an activity without indicators gives one
    row with `indicator` None)."""

    activity: str
    parent_activity: str | None
    budget: Decimal | None  # 万元; None where the cell is blank
    description: str | None
    goal: str | None
    indicator: str | None
    grade_excellent: str | None
    grade_good: str | None
    grade_fair: str | None
    grade_poor: str | None


@dataclass(frozen=True)
class BudgetLine:
    """A row of a standard table keyed by 政府收支分类科目."""

    year: int
    kind: Kind
    classification: Literal["functional", "economic"]
    code: str
    name: str
    total: Decimal | None
    basic: Decimal | None
    project: Decimal | None


def new_budget_line(
    year: int,
    kind: Kind,
    classification: Literal["functional", "economic"],
    code: str,
    name: str,
    total: Decimal | None,
    basic: Decimal | None,
    project: Decimal | None,
) -> BudgetLine:
    """`BudgetLine(...)` for the table reader's hot path, made as `new_fact` makes a Fact (a table of
    classification lines makes dozens). tests/test_model.py holds it to BudgetLine's fields."""
    line = object.__new__(BudgetLine)
    line.__dict__.update(
        year=year, kind=kind, classification=classification, code=code, name=name, total=total, basic=basic,
        project=project,
    )  # fmt: skip
    return line


@dataclass(frozen=True)
class TableSeen:
    """One table found in a document, and what was made of it (the `tables_seen` table)."""

    ordinal: int  # its place among the document's tables, from 1
    page: int | None  # the page (PDF) or sheet (workbook) it starts on, from 1; None elsewhere
    caption: str | None  # its title: the reader's caption, else the line above it naming it
    standard_table: str | None  # the key of its entry in data/reference/standard_tables.toml
    rows: int
    figures: int  # facts, classification lines and performance-goal rows taken from it


@dataclass(frozen=True)
class Check:
    """The outcome of one arithmetic or consistency check. A problem in the data is a record, not an
    exception: `passed` False with `severity` 'error' or 'warning'; passed checks have severity 'info'."""

    check: str  # e.g. 'sum:expenditure_total', 'duplicate_row:performance_goals'
    severity: Severity
    passed: bool
    message: str
    metric: str | None = None
    expected: Decimal | None = None
    actual: Decimal | None = None
    year: int | None = None
    quote: str | None = None


def new_check(
    check: str,
    severity: Severity,
    passed: bool,
    message: str,
    metric: str | None = None,
    expected: Decimal | None = None,
    actual: Decimal | None = None,
    year: int | None = None,
    quote: str | None = None,
) -> Check:
    """`Check(...)` for the validate stage's hot paths (a document makes about thirty), made as
    `new_fact` makes a Fact (3 times faster). tests/test_model.py holds it to Check's fields."""
    made = object.__new__(Check)
    made.__dict__.update(
        check=check, severity=severity, passed=passed, message=message, metric=metric, expected=expected,
        actual=actual, year=year, quote=quote,
    )  # fmt: skip
    return made


@dataclass
class Extraction:
    """Everything the extract stage finds in one document."""

    metadata: Metadata
    facts: list[Fact] = field(default_factory=list)
    goals: list[PerformanceGoal] = field(default_factory=list)
    budget_lines: list[BudgetLine] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)  # problems seen while extracting (duplicated rows…)
    tables_seen: list[TableSeen] = field(default_factory=list)  # every table of the document, in order
