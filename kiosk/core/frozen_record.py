"""Immutable records that cost a plain class to define: a frozen dataclass compiles six methods (~0.5 ms each class).

The visit's effects (kiosk/core/visit.py) are imported before the home screen's first paint; 17 frozen
dataclasses took some 10 ms of it. A `FrozenRecord` behaves as a frozen dataclass does where the app uses
one: fields from the class's own annotations, in order, with class-level defaults; made positionally or by
name; equal when of the same class with equal fields; hashable; shown as `Name(field=value, ...)`; matched
positionally in `match` (`__match_args__`); assigning or deleting a field raises dataclasses'
FrozenInstanceError (imported then: the start-up imports no dataclasses).
"""

from __future__ import annotations

from typing import ClassVar


class FrozenRecord:
    """Base of an immutable record: subclass it and annotate the fields (`step: Step`, `pain: int | None = None`)."""

    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, object]] = {}
    __match_args__: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        inherited = cls._fields
        own = tuple(name for name, kind in cls.__dict__.get("__annotations__", {}).items()
                    if name not in inherited and not str(kind).startswith(("ClassVar", "typing.ClassVar")))
        cls._fields = fields = inherited + own
        cls._defaults = {**cls._defaults, **{name: cls.__dict__[name] for name in own if name in cls.__dict__}}
        cls.__match_args__ = fields
        with_default = [name in cls._defaults for name in fields]
        if with_default != sorted(with_default):
            raise TypeError(f"{cls.__name__}: a field without a default follows one with a default")

    def __init__(self, *args: object, **kwargs: object) -> None:
        fields = self._fields
        name = type(self).__name__
        if len(args) > len(fields):
            raise TypeError(f"{name}() takes {len(fields)} arguments but {len(args)} were given")
        values = dict(zip(fields, args))
        for key, value in kwargs.items():
            if key not in fields:
                raise TypeError(f"{name}() got an unexpected keyword argument {key!r}")
            if key in values:
                raise TypeError(f"{name}() got multiple values for argument {key!r}")
            values[key] = value
        for key in fields:
            if key not in values:
                if key not in self._defaults:
                    raise TypeError(f"{name}() missing required argument {key!r}")
                values[key] = self._defaults[key]
            object.__setattr__(self, key, values[key])

    def _values(self) -> tuple:
        return tuple(getattr(self, key) for key in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{key}={getattr(self, key)!r}" for key in self._fields)
        return f"{type(self).__qualname__}({fields})"

    def __setattr__(self, key: str, value: object) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {key!r}")

    def __delattr__(self, key: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {key!r}")
