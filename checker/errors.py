"""What can go wrong, as one hierarchy, and the exit codes the command line maps it to.

Every `RestcheckError` is one line that says what is wrong and where; `checker.cli.main`
prints it and exits with `EXIT_UNUSABLE`, never with a traceback.
"""

EXIT_CLEAN = 0  # nothing at or above the fail-on threshold
EXIT_FINDINGS = 1  # findings (or breaking changes, or a stale export) at or above it
EXIT_UNUSABLE = 2  # the input or the invocation cannot be used; or restcheck failed
EXIT_INTERRUPTED = 130  # Ctrl-C


class RestcheckError(Exception):
    """A failure reported as one line and `EXIT_UNUSABLE`."""


class InputError(RestcheckError):
    """The input cannot be used (missing file, bad JSON/YAML, not OpenAPI, unreachable URL)."""


class ConfigError(RestcheckError):
    """Unusable configuration; the message names the file and the key."""


class UsageError(RestcheckError):
    """A wrong option or argument."""


class InternalError(RestcheckError):
    """A bug in restcheck (a rule or a comparison failed on this document), as one line."""


class Interrupted(BaseException):
    """The probe was stopped by a signal. Raised by the signal handler (with no message),
    then, after the clean-up, with what was cleaned up and what may remain. A BaseException,
    so that no `except Exception` on the way takes it for an error, and Typer does not turn
    it into a bare exit 130 as it does a KeyboardInterrupt."""

    def __init__(self, signum: int, message: str = "") -> None:
        super().__init__(message)
        self.signum = signum
        self.exit_code = 128 + signum  # 130 SIGINT, 143 SIGTERM, 129 SIGHUP
