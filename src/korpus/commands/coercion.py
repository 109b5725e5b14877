"""Option values converted without Pydantic where the conversion is plain.

Typer from 0.29 on builds a Pydantic ``TypeAdapter`` for every parameter of the
command it runs, defaults included: importing Pydantic and building twenty
adapters is most of the time ``korpus search`` spends before it searches. The
values korpus's commands take are text, paths, whole numbers, lists of them and
enum choices; those are converted here. Anything else, and every value that does
not convert cleanly, goes to Typer's own conversion, so errors read exactly as
before. On a Typer without this machinery nothing changes.
"""

from __future__ import annotations

import importlib
import re
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

try:
    _param_types: Any = importlib.import_module("typer._param_types")
    _coercion: Any = importlib.import_module("typer._coercion")
    _BadParameter: type[Exception] = importlib.import_module("typer._click.exceptions").BadParameter
except (ImportError, AttributeError):  # pragma: no cover - a Typer before 0.29
    _param_types = _coercion = None
    _BadParameter = ValueError

_WHOLE = re.compile(r"[+-]?[0-9]{1,18}")


class _Unplain(Exception):
    """The value needs Typer's own conversion."""


def _leaf(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    if info.parser is not None:
        raise _Unplain
    if annotation is bool:
        if isinstance(value, bool):
            return value
        raise _Unplain
    if annotation is str:
        if isinstance(value, str):
            return value
        raise _Unplain
    if annotation is int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and _WHOLE.fullmatch(value):
            number = int(value)
        else:
            raise _Unplain
        if info.clamp or (info.min is not None and number < info.min):
            raise _Unplain
        if info.max is not None and number > info.max:
            raise _Unplain
        return number
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        try:
            return _param_types.coerce_cli_choice(
                value, choices=tuple(annotation), case_sensitive=info.case_sensitive, ctx=ctx
            )
        except ValueError:
            raise _Unplain from None
    if annotation is Path and _param_types.routes_to_path(annotation, info):
        if isinstance(value, str) and value and "\0" not in value:
            value = Path(value)
        if not isinstance(value, Path):
            raise _Unplain
        try:
            return _param_types.coerce_cli_path(
                value, info, path_type=info.path_type or Path, param=param, ctx=ctx
            )
        except (ValueError, _BadParameter):
            raise _Unplain from None
    raise _Unplain


class PlainValues:
    """A Typer runtime parameter: plain values here, the rest through Typer."""

    def __init__(self, descriptor: Any) -> None:
        self.descriptor = descriptor
        self._typer: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multiple = bool(param.multiple or param.nargs == -1)
        if value is None:
            return () if multiple else None
        annotation = self.descriptor.annotation
        info = self.descriptor.parameter_info
        if self.descriptor.file_annotation is None:
            try:
                if get_origin(annotation) is list and isinstance(value, (list, tuple)):
                    (item,) = get_args(annotation)
                    return [_leaf(item, info, v, param, ctx) for v in value]
                if not multiple:
                    return _leaf(annotation, info, value, param, ctx)
            except _Unplain:
                pass
        if self._typer is None:
            self._typer = _coercion.build_runtime_param(self.descriptor)
        return self._typer.coerce(value, param=param, ctx=ctx)


def install(params: list[Any]) -> None:
    """Give each Typer parameter the plain conversion (a no-op on other Typers)."""
    if _coercion is None or not hasattr(_coercion, "build_runtime_param"):
        return
    for param in params:
        if hasattr(param, "type_descriptor") and getattr(param, "_runtime_param", 0) is None:
            param._runtime_param = PlainValues(param.type_descriptor)
