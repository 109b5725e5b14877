"""Click classes for korpus: help without Python types, usage errors on one line.

Typer prints a usage block, a hint and the error for a bad option value; korpus
prints one line, ``korpus: error: --limit: must be at least 1``, and exits 2 as
Click does. Help shows the metavars the commands name (QUERY, DATE, NAME),
never the Python types behind them (``<list[str]>``, ``<int range>``).
"""

from __future__ import annotations

import functools
import importlib
import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from korpus.commands import coercion

# Typer vendors Click from 0.29 on; before, it used Click itself.
try:
    _exceptions: Any = importlib.import_module("typer._click.exceptions")
except ImportError:  # pragma: no cover - older Typer
    _exceptions = importlib.import_module("click.exceptions")

ClickException: type[Exception] = _exceptions.ClickException
MissingParameter: type[Exception] = _exceptions.MissingParameter


class _NeverRaised(Exception):
    pass


NoArgsIsHelpError: type[Exception] = getattr(_exceptions, "NoArgsIsHelpError", _NeverRaised)

_REWRITES = (
    (r"^Value error, ", ""),
    (r"Input should be greater than or equal to (\S+)", r"must be at least \1"),
    (r"Input should be greater than (\S+)", r"must be more than \1"),
    (r"Input should be less than or equal to (\S+)", r"must be at most \1"),
    (r"Input should be less than (\S+)", r"must be less than \1"),
    (r"Input should be a valid integer.*", "must be a whole number"),
    (r"Input should be a valid number.*", "must be a number"),
    (r"(.*) is not one of (.*)\.$", r"\1 is not one of \2"),
    (r"\(Possible options: (.*)\)", r"(did you mean \1?)"),
    (r"\. Did you mean ", "; did you mean "),
)


def _plain(message: str) -> str:
    message = " ".join(message.split())
    # Plain strings: re compiles them only when an error is shown.
    for pattern, replacement in _REWRITES:
        message = re.sub(pattern, replacement, message)
    message = message.rstrip(".")
    return message[:1].lower() + message[1:] if message[1:2].islower() else message


def _param_name(param: Any) -> str:
    if isinstance(param, TyperArgument):
        return str(param.metavar or (param.name or "").upper())
    opts: Sequence[str] = getattr(param, "opts", ()) or (param.name,)
    return max(opts, key=len)


def usage_message(exc: Exception) -> str:
    """One line for a Click usage error, naming only what is wrong."""
    param = getattr(exc, "param", None)
    if isinstance(exc, MissingParameter) and param is not None:
        kind = "argument" if isinstance(param, TyperArgument) else "option"
        return f"missing {kind} {_param_name(param)}"
    if isinstance(exc, typer.BadParameter) and param is not None:
        return f"{_param_name(param)}: {_plain(str(getattr(exc, 'message', exc)))}"
    return _plain(exc.format_message())  # type: ignore[attr-defined]


class KorpusGroup(TyperGroup):
    """The top-level command: usage errors become one line on stderr, exit 2."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        coercion.install(params)
        return params

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except NoArgsIsHelpError as exc:
            if not standalone_mode:
                raise
            exc.show()  # type: ignore[attr-defined]
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        except ClickException as exc:
            if not standalone_mode:
                raise
            sys.stderr.write(f"korpus: error: {usage_message(exc)}\n")
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        except typer.Abort:
            if not standalone_mode:
                raise
            sys.stderr.write("korpus: aborted\n")
            sys.exit(130)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


def _no_type(ctx: Any) -> None:
    return None


def _at_least(minimum: int) -> str:
    return f"at least {minimum}"


def _default_metavar(param: Any) -> str:
    """The choices (text|json|csv), or the option's name in capitals (--index: INDEX)."""
    choices = getattr(getattr(param, "type_descriptor", None), "choices", None)
    if choices:
        return "|".join(str(getattr(c, "value", c)) for c in choices)
    return _param_name(param).lstrip("-").upper()


class KorpusCommand(TyperCommand):
    """A command whose help names arguments by their metavar alone."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        coercion.install(params)
        return params

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument):
                # Typer adds the Python type after an argument's name ("query <str>").
                param.display_type_rich = _no_type  # type: ignore[method-assign]
                param.metavar = param.metavar or (param.name or "").upper()
            elif param.metavar is None and not getattr(param, "is_flag", False):
                param.metavar = _default_metavar(param)
            minimum = getattr(param, "min", None)
            if minimum is not None and hasattr(param, "_get_number_range_help_str"):
                # Typer writes a range as "x>=1".
                param._get_number_range_help_str = functools.partial(_at_least, minimum)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        # Typer writes a required argument as "{query}"; the usual form is QUERY.
        return [
            piece.replace("{", "").replace("}", "") for piece in super().collect_usage_pieces(ctx)
        ]


class QueryCommand(KorpusCommand):
    """A command whose query words may start with a dash: ``korpus search -Scholz Merkel``."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return list(super().parse_args(ctx, query_last(self.get_params(ctx), args)))


def query_last(params: list[Any], args: list[str]) -> list[str]:
    """Arguments with every query word moved behind ``--``, so none is read as an option.

    A word starting with one dash that is no option of the command ("-Scholz") is
    query text; the value of an option is never moved ("--source -x" stays).
    Unknown ``--long`` options stay options, so a typo is still an error.
    """
    takes_value: dict[str, bool] = {}
    for param in params:
        if getattr(param, "param_type_name", "") == "option":
            for name in [*param.opts, *param.secondary_opts]:
                takes_value[name] = not param.is_flag and not param.count
    options: list[str] = []
    words: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            words.extend(args[i:])
            break
        name = arg.split("=", 1)[0]
        if arg.startswith("--") or name in takes_value or _short_with_number(arg, takes_value):
            options.append(arg)
            if takes_value.get(arg):
                if i == len(args):
                    # The option's value is missing: leave the words where they were,
                    # so the error says so.
                    return args
                options.append(args[i])
                i += 1
        else:
            words.append(arg)
    return [*options, "--", *words] if words else options


def _short_with_number(arg: str, takes_value: dict[str, bool]) -> bool:
    """A short option with its number attached: "-n20"."""
    return len(arg) > 2 and arg[0] == "-" and takes_value.get(arg[:2], False) and arg[2:].isdigit()
