"""The follow-up workbook's contract as data: datasets, sheet names, columns and aliases.

Everything the loaders know about the workbook format lives in the tables below (see
``docs/format.md`` for the same contract written for finance users). Matching of sheet and
column names goes through :func:`loaders.text.name_key`, so case, surrounding spaces and
å/ä/ö written as a/o do not matter.

Each dataset becomes one pandas frame with the columns of its spec, in order, with the
dtypes given by ``Kind``. The frame is the same whatever the input's language or layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from loaders.language import pick


class Kind(StrEnum):
    """How a column's cells are parsed, and the frame dtype they end up as."""

    TEXT = "text"  # string, NFC-normalised, white space folded
    ID = "id"  # text compared without case (a key column)
    NUMBER = "number"  # Float64 (Swedish or English decimal text accepted)
    COUNT = "count"  # Int64, whole number >= 0
    PERCENT = "percent"  # Float64 as a fraction: "12,5 %" -> 0.125
    DATE = "date"  # datetime64[ns], naive
    DATES = "dates"  # string: one or more dates in a cell, canonical "2018-03-01; 2018-06-30"
    PERIOD = "period"  # string, canonical tertial label "2018-T2"
    STATUS = "status"  # string code: green, yellow, red, completed, cancelled
    ASSIGNMENT_TYPE = "assignment_type"  # string code: government, operational_plan, internal
    PERSPECTIVE = "perspective"  # string code: operations, finance, staff, processes
    DIRECTION = "direction"  # string code: higher, lower
    FLAG = "flag"  # boolean: Ja/Nej, Yes/No, Sant/Falskt, TRUE/FALSE


DTYPES: dict[Kind, str] = {
    Kind.TEXT: "string",
    Kind.ID: "string",
    Kind.NUMBER: "Float64",
    Kind.COUNT: "Int64",
    Kind.PERCENT: "Float64",
    Kind.DATE: "datetime64[ns]",
    Kind.DATES: "string",
    Kind.PERIOD: "string",
    Kind.STATUS: "string",
    Kind.ASSIGNMENT_TYPE: "string",
    Kind.PERSPECTIVE: "string",
    Kind.DIRECTION: "string",
    Kind.FLAG: "boolean",
}


@dataclass(frozen=True)
class Column:
    """One column of a sheet: canonical Swedish header first, then accepted aliases."""

    field: str  # the frame's column name (English, snake_case)
    headers: tuple[str, ...]  # canonical Swedish header first, then aliases
    kind: Kind
    required: bool = False
    default: str | None = None  # value used when the column or cell is blank
    min_value: float | None = None  # plausibility limits (errors outside)
    max_value: float | None = None
    # a percentage here is an error, not a number: "50 %" in a budget is not 50 kronor
    no_percent: bool = False
    example: str | None = None  # shown in the template's header note ("N2018/03216/RTS")

    @property
    def header(self) -> str:
        return self.headers[0]

    @property
    def refuses_percent(self) -> bool:
        """Money, head counts and FTE: a cell written or formatted as a percentage is an
        error naming it (a count never is one)."""
        return self.no_percent or self.kind is Kind.COUNT


@dataclass(frozen=True)
class Dataset:
    """One sheet of the workbook and the frame it becomes."""

    name: str  # dataset key, used in the store and the frames dict
    sheet_names: tuple[str, ...]  # canonical Swedish sheet name first, then aliases
    columns: tuple[Column, ...]
    key_field: str | None  # identifying column: unique per period, and where totals are read
    periodic: bool  # has a Period column (filled from the import's period when absent)
    slice_by: str | None = None  # a non-periodic dataset's field that cuts it into slices

    @property
    def slice_field(self) -> str | None:
        """The field whose values are the store's slices: an import replaces the stored rows
        of each value it holds. ``None``: the dataset is one slice, replaced whole."""
        return "period" if self.periodic else self.slice_by

    @property
    def sheet(self) -> str:
        return self.sheet_names[0]

    @property
    def fields(self) -> list[str]:
        return [c.field for c in self.columns]

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)


MONEY_LIMIT = 1e12  # tkr; beyond +-10^12 is an error
VALUE_LIMIT = 1e12  # a key figure's value or target beyond +-10^12 is surely a mistake
COUNT_LIMIT = 1e6

_PERIOD = Column("period", ("Period", "Tertial"), Kind.PERIOD, required=True)
_UNIT_REQ = Column("unit", ("Enhet", "Unit"), Kind.TEXT, required=True)

UNITS = Dataset(
    name="units",
    sheet_names=("Enheter", "Units"),
    columns=(
        Column("unit", ("Enhet", "Unit", "Enhetsnamn"), Kind.TEXT, required=True),
        Column("department", ("Avdelning", "Department", "Avd"), Kind.TEXT, required=True),
        Column("head", ("Chef", "Head", "Manager"), Kind.TEXT),
    ),
    key_field="unit",
    periodic=False,
)

ASSIGNMENTS = Dataset(
    name="assignments",
    sheet_names=("Uppdrag", "Assignments"),
    columns=(
        Column("id", ("Id", "Uppdrags-id", "ID", "Assignment id"), Kind.ID, required=True),
        Column("name", ("Namn", "Uppdrag", "Name", "Benämning"), Kind.TEXT, required=True),
        Column(
            "type",
            ("Typ", "Type", "Uppdragstyp"),
            Kind.ASSIGNMENT_TYPE,
            default="operational_plan",
        ),
        Column("result_area", ("Resultatområde", "Result area"), Kind.TEXT),
        Column("goal", ("Mål", "Goal"), Kind.TEXT),
        Column("unit", ("Enhet", "Unit", "Ansvarig enhet"), Kind.TEXT, required=True),
        Column("owner", ("Ansvarig", "Owner"), Kind.TEXT),
        Column("decision_date", ("Beslutsdatum", "Decision date"), Kind.DATE),
        Column("end_date", ("Slutdatum", "End date"), Kind.DATE),
        _PERIOD,
        Column("status", ("Status", "Bedömning", "Assessment"), Kind.STATUS, required=True),
        Column("comment", ("Kommentar", "Comment", "Motivering"), Kind.TEXT),
        # A government assignment's register entry and reports (optional, last so that older
        # files and frames keep their column positions). Slutdatum is when the work ends;
        # Redovisas senast is the day the report must reach the government ("Rapporteras").
        Column("register_number", ("Diarienummer", "Dnr", "Register number"), Kind.TEXT,
               example="N2018/03216/RTS"),
        Column("ministry", ("Departement", "Ministry"), Kind.TEXT,
               example="Näringsdepartementet"),
        Column("report_due", ("Redovisas senast", "Rapporteras", "Deadline", "Report due",
                              "Slutredovisning"), Kind.DATE, example="2019-03-01"),
        Column("interim_reports", ("Delredovisning", "Delredovisningar", "Interim report",
                                   "Interim reports"), Kind.DATES,
               example="2018-10-01; 2019-01-15"),
    ),
    key_field="id",
    periodic=True,
)

FINANCE = Dataset(
    name="finance",
    sheet_names=("Ekonomi", "Finance"),
    columns=(
        _UNIT_REQ,
        _PERIOD,
        Column("category", ("Post", "Kostnadsslag", "Category", "Konto"), Kind.TEXT,
               default="Totalt"),
        Column("budget", ("Budget", "Helårsbudget"), Kind.NUMBER, required=True,
               min_value=-MONEY_LIMIT, max_value=MONEY_LIMIT, no_percent=True),
        Column("outcome", ("Utfall", "Outcome", "Actual", "Utfall ack"), Kind.NUMBER,
               required=True, min_value=-MONEY_LIMIT, max_value=MONEY_LIMIT, no_percent=True),
        Column("forecast", ("Prognos", "Forecast", "Helårsprognos"), Kind.NUMBER,
               min_value=-MONEY_LIMIT, max_value=MONEY_LIMIT, no_percent=True),
        Column("previous_forecast", ("Föregående prognos", "Previous forecast"), Kind.NUMBER,
               min_value=-MONEY_LIMIT, max_value=MONEY_LIMIT, no_percent=True),
    ),
    key_field="unit",
    periodic=True,
)

STAFF = Dataset(
    name="staff",
    sheet_names=("Medarbetare", "Staff"),
    columns=(
        _UNIT_REQ,
        _PERIOD,
        Column("permanent", ("Tillsvidare", "Permanent", "Tillsvidareanställda"), Kind.COUNT,
               required=True, min_value=0, max_value=COUNT_LIMIT),
        Column("temporary",
               ("Tidsbegränsade", "Temporary", "Visstid", "Tidsbegränsat anställda"),
               Kind.COUNT, required=True, min_value=0, max_value=COUNT_LIMIT),
        Column("fte", ("Årsarbetskrafter", "FTE", "Åa"), Kind.NUMBER, min_value=0,
               max_value=COUNT_LIMIT, no_percent=True),
        Column("sick_leave", ("Sjukfrånvaro", "Sick leave"), Kind.PERCENT, min_value=0,
               max_value=1),
        Column("turnover", ("Personalomsättning", "Turnover"), Kind.PERCENT, min_value=0,
               max_value=1),
    ),
    key_field="unit",
    periodic=True,
)

PROCESSES = Dataset(
    name="processes",
    sheet_names=("Processer", "Processes"),
    columns=(
        Column("kpi", ("Nyckeltal", "KPI", "Indicator"), Kind.TEXT, required=True),
        Column("unit", ("Enhet", "Unit"), Kind.TEXT),
        _PERIOD,
        Column("value", ("Värde", "Value", "Utfall"), Kind.NUMBER, required=True,
               min_value=-VALUE_LIMIT, max_value=VALUE_LIMIT),
        Column("target", ("Mål", "Target"), Kind.NUMBER, min_value=-VALUE_LIMIT,
               max_value=VALUE_LIMIT),
        Column("unit_of_measure", ("Måttenhet", "Unit of measure"), Kind.TEXT),
    ),
    key_field="kpi",
    periodic=True,
)

KPI_SETTINGS = Dataset(
    name="kpi_settings",
    sheet_names=("Nyckeltal", "KPI settings", "KPI"),
    columns=(
        Column("kpi", ("Nyckeltal", "KPI"), Kind.TEXT, required=True),
        Column("perspective", ("Perspektiv", "Perspective"), Kind.PERSPECTIVE),
        Column("direction", ("Riktning", "Direction"), Kind.DIRECTION),
        Column("target", ("Mål", "Target"), Kind.NUMBER, min_value=-VALUE_LIMIT,
               max_value=VALUE_LIMIT),
        Column("yellow_tolerance", ("Gul gräns", "Yellow tolerance"), Kind.PERCENT,
               min_value=0, max_value=1),
    ),
    key_field="kpi",
    periodic=False,
)

# The survey benchmark (issue 8). The sheet is read as SURVEY_SHEET (its columns as finance
# writes them, wide or long; see loaders/ingest/survey.py) and stored as SURVEY, one row per
# organisation. A survey is not per tertial: its slices are its measurements (Mätning).
_SURVEY_FIXED = (
    Column("survey", ("Enkät", "Survey", "Enkätnamn", "Survey name"), Kind.TEXT, required=True),
    Column("measurement", ("Mätning", "Measurement"), Kind.TEXT, required=True),
    Column("date", ("Datum", "Date"), Kind.DATE),
    Column("area", ("Område", "Area"), Kind.TEXT, required=True),
    Column("question", ("Fråga", "Question"), Kind.TEXT, required=True),
    Column("group", ("Grupp", "Enhet", "Group", "Unit", "Respondentgrupp"), Kind.TEXT),
)
_SURVEY_TAIL = (
    Column("value", ("Värde", "Value"), Kind.NUMBER, required=True,
           min_value=-VALUE_LIMIT, max_value=VALUE_LIMIT),
    Column("scale", ("Skala", "Scale"), Kind.TEXT, required=True),
    Column("answers", ("Antal svar", "Answers", "Number of answers", "Svar"), Kind.COUNT,
           min_value=0, max_value=COUNT_LIMIT),
)
SURVEY_SHEET = Dataset(
    name="survey",
    sheet_names=("Enkät", "Enkat", "Survey", "Enkäter"),
    columns=(*_SURVEY_FIXED,
             Column("organisation", ("Organisation", "Organization", "Org"), Kind.TEXT),
             *_SURVEY_TAIL),
    key_field="question",
    periodic=False,
)
SURVEY = Dataset(
    name="survey",
    sheet_names=SURVEY_SHEET.sheet_names,
    columns=(*_SURVEY_FIXED,
             Column("organisation", ("Organisation",), Kind.TEXT, required=True),
             Column("is_own", ("Egen",), Kind.FLAG),
             *_SURVEY_TAIL),
    key_field="question",
    periodic=False,
    slice_by="measurement",
)

# The tertial follow-up's datasets: what the dashboard reads (Store.frames() by default).
DATASETS: tuple[Dataset, ...] = (UNITS, ASSIGNMENTS, FINANCE, STAFF, PROCESSES, KPI_SETTINGS)
BY_NAME: dict[str, Dataset] = {d.name: d for d in DATASETS}
# Everything the loaders read and the store keeps: the follow-up, then the survey.
ALL_DATASETS: tuple[Dataset, ...] = (*DATASETS, SURVEY)
ALL_BY_NAME: dict[str, Dataset] = {d.name: d for d in ALL_DATASETS}
# How each sheet is read (the survey's sheet columns differ from its stored columns).
SHEET_DATASETS: tuple[Dataset, ...] = (*DATASETS, SURVEY_SHEET)
# The blank template's own sheets (loaders/template.py): no data, read past without a notice.
INSTRUCTIONS_SHEET = "Instruktioner"
LISTS_SHEET = "Listor"  # hidden helper sheet holding the drop-down lists
TEMPLATE_SHEETS = frozenset({INSTRUCTIONS_SHEET, LISTS_SHEET})


def sheet_name(dataset: str, lang: str) -> str:
    """The sheet a dataset comes from, as the user knows it: Uppdrag, or Assignments."""
    names = ALL_BY_NAME[dataset].sheet_names
    return pick(lang, names[0], names[1])

# Words that mark a total row when they stand in a dataset's identifying column.
TOTAL_WORDS: tuple[str, ...] = ("Summa", "Totalt", "Total", "Summa totalt")

# The fields that identify a row within one period (compared without case): a second row
# with the same key is an error, and the store matches old and new rows by it.
ROW_KEYS: dict[str, tuple[str, ...]] = {
    "units": ("unit",),
    "assignments": ("id",),
    "finance": ("unit", "category"),
    "staff": ("unit",),
    "processes": ("kpi", "unit"),
    "kpi_settings": ("kpi",),
    "survey": ("question", "measurement", "group", "organisation"),
}
