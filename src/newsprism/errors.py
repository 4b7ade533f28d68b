"""One exception tree for newsprism; every error a user can see has a code and a hint.

    NewsprismError                      E000  base of everything newsprism raises on purpose
     ├── InternalError                  E001  a bug in newsprism met while reading or storing one item
     ├── ConfigError                    E010  a setting has a bad value or the config file is unreadable
     ├── InvalidArgument                E030  a value the user typed (a date, a choice) is not valid
     ├── DataError                      E020  a data file shipped with newsprism cannot be read (a packaging bug)
     │    └── PatternDataError          E021  a line of a pattern or code table (CAMEO, verb patterns, leaders)
     ├── IngestError                    E100  one input item could not be read (names the item)
     │    ├── UnsupportedInput          E101  not a kind of input newsprism reads
     │    ├── DecodeError               E102  binary, invalid UTF-8, malformed XML/JSON/HTML, truncated archive
     │    ├── EmptyInput                E103  nothing readable: empty file, script-only page
     │    ├── TooLarge                  E104  over the size cap
     │    ├── ExtractError              E105  the HTML extractor failed on the page (broken markup)
     │    ├── NotText                   E106  mostly replacement characters or control bytes, or too short
     │    └── FetchError                E110  a network fetch failed
     │         ├── BlockedAddress       E111  private/loopback/link-local target without --allow-private
     │         ├── RobotsDenied         E112  robots.txt forbids the URL
     │         ├── HTTPStatusError      E113  the server answered with an error status
     │         └── RedirectError        E114  too many redirects or a redirect loop
     ├── PipelineError                  E200  the steps do not fit together (checked once, at build)
     ├── StepError                      E201  one step failed on one article (wraps the cause)
     ├── StoreError                     E300  the store cannot do what was asked
     │    ├── NotFound                  E301  no such article, story or entity
     │    ├── MigrationError            E302  the store's schema is newer than this newsprism or broken
     │    └── QueryTooCostly            E303  a query ran over its time budget (the API answers 503)
     ├── ExportError                    E400  an export format or destination is wrong
     ├── ScaleError                     E500  a scale-out run cannot go on (output dir locked, shard failed)
     ├── ModelError                     E700  a shipped model's files are missing, corrupt or cannot load
     ├── AlertError                     E800  alerts: a rule or a delivery cannot be used as asked
     │    ├── RuleError                 E801  an alert rule is malformed, incomplete or unknown
     │    └── DeliveryError             E802  an alert could not be delivered (file or webhook)
     └── ApiError                       E600  an HTTP request cannot be served as asked
          ├── BadRequest                E601  a parameter or request body is malformed
          ├── Unauthorized              E602  the bearer token is missing or wrong
          └── Forbidden                 E603  the endpoint is disabled (e.g. ingest without api_token)

Anything else that escapes a step, a reader or a hook is a bug, never reported as bad input or a
store error: `--strict` re-raises it; otherwise it is recorded with its own type (a step failure,
or an ingest failure with code E001) and the run goes on.
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base of every error newsprism raises on purpose."""

    code = "E000"
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        msg = super().__str__()
        return f"{msg} ({self.hint})" if self.hint else msg


class InternalError(NewsprismError):
    """A bug met on one item (a reader or an after-save hook raised something unexpected)."""

    code = "E001"
    hint = "a bug in newsprism: please report it with the input that caused it"


class ConfigError(NewsprismError):
    code = "E010"
    hint = "check the config file, NEWSPRISM_* variables and command-line options"


class InvalidArgument(NewsprismError):
    """A value the user gave (a date, a choice) is not valid; the CLI exits 2, the API answers 400."""

    code = "E030"


class DataError(NewsprismError):
    """A data file shipped with newsprism (a lexicon, a table) is missing or malformed."""

    code = "E020"
    hint = "the installation is broken: reinstall newsprism"


class PatternDataError(DataError):
    """A line of a shipped pattern or code table cannot be read."""

    code = "E021"


class IngestError(NewsprismError):
    """One input item could not be read; `item` names it (a path, a path#record, a URL)."""

    code = "E100"

    def __init__(self, item: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.item = item


class UnsupportedInput(IngestError):
    code = "E101"
    hint = "newsprism reads .txt, .md, .html, .jsonl, .warc(.gz), RSS/Atom feeds, folders and stdin"


class DecodeError(IngestError):
    code = "E102"


class EmptyInput(IngestError):
    code = "E103"


class TooLarge(IngestError):
    code = "E104"
    hint = "raise max_input_bytes if this input is wanted"


class ExtractError(IngestError):
    """The HTML extractor (trafilatura, lxml) failed on a page: broken or hostile markup."""

    code = "E105"


class NotText(IngestError):
    """The input decodes, but is not an article's text: mostly replacement characters or control
    bytes (binary data or a wrong encoding), or shorter than an article can be."""

    code = "E106"


class FetchError(IngestError):
    code = "E110"


class BlockedAddress(FetchError):
    code = "E111"
    hint = "pass --allow-private to fetch from private or loopback addresses"


class RobotsDenied(FetchError):
    code = "E112"


class HTTPStatusError(FetchError):
    code = "E113"

    def __init__(self, item: str, message: str, *, status: int, hint: str | None = None) -> None:
        super().__init__(item, message, hint=hint)
        self.status = status


class RedirectError(FetchError):
    code = "E114"


class PipelineError(NewsprismError):
    code = "E200"


class StepError(NewsprismError):
    """A step failed on one article; the original exception is the __cause__."""

    code = "E201"

    def __init__(self, step: str, article_id: str, cause: BaseException) -> None:
        super().__init__(f"step {step!r} failed on article {article_id}: {type(cause).__name__}: {cause}")
        self.step = step
        self.article_id = article_id
        self.error_type = type(cause).__name__


class StoreError(NewsprismError):
    code = "E300"


class NotFound(StoreError):
    code = "E301"


class MigrationError(StoreError):
    code = "E302"


class QueryTooCostly(StoreError):
    """A query ran over its time budget and was stopped (e.g. a search with many common words)."""

    code = "E303"
    hint = "use fewer or rarer words, or a \"phrase\""


class ExportError(NewsprismError):
    code = "E400"


class ScaleError(NewsprismError):
    code = "E500"


class ModelError(NewsprismError):
    """A model shipped inside the package (e.g. the syntax parser) cannot be loaded."""

    code = "E700"
    hint = "reinstall newsprism, or rebuild the weights with scripts/train_syntax.py"


class AlertError(NewsprismError):
    """Alerts: a rule or a delivery cannot be used as asked."""

    code = "E800"


class RuleError(AlertError):
    """An alert rule is malformed, incomplete for its kind, or not stored."""

    code = "E801"


class DeliveryError(AlertError):
    """An alert could not be delivered to its file or webhook (it stays queued and is retried)."""

    code = "E802"


class ApiError(NewsprismError):
    """An HTTP request cannot be served; `status` is the HTTP status it answers with."""

    code = "E600"
    status = 500

    def __init__(self, message: str, *, status: int | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        if status is not None:
            self.status = status


class BadRequest(ApiError):
    code = "E601"
    status = 400


class Unauthorized(ApiError):
    code = "E602"
    status = 401
    hint = "send the header Authorization: Bearer <api_token>"


class Forbidden(ApiError):
    code = "E603"
    status = 403
