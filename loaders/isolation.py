"""Run an untrusted parse in a child process that may crash, bloat or hang without harm.

python-calamine can abort the whole process on a hostile sheet, and openpyxl can run past 4 GB
on a 3 KB file (see TESTING.md). So the parse runs in a child with an address-space limit and a
wall-clock timeout, and whatever happens there, the parent (the web worker) gets either the
result or a :class:`~loaders.errors.FileRefused` it can show to the user.

The child is forked when the platform can (fast: nothing is imported again, and ``func`` may be
any callable); elsewhere it is spawned, and then ``func`` and its arguments must be picklable.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable
from typing import Any, TypeVar

from loaders.errors import TertialError
from loaders.refusals import refusal
from loaders.safety import DEFAULT_LIMITS, Limits

try:
    import resource
except ImportError:  # not on Windows: the timeout still holds there
    resource = None

T = TypeVar("T")
EXIT_GRACE_S = 5.0  # time a child that has sent its answer gets to exit before it is killed
ERROR_TEXT_CHARS = 300  # how much of a foreign exception's text is kept in the details


def default_start_method() -> str:
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def run_isolated(func: Callable[..., T], *args: Any, limits: Limits = DEFAULT_LIMITS,
                 start_method: str | None = None,
                 alongside: Callable[[], None] | None = None) -> T:
    """``func(*args)`` run in a child process under ``limits``; its result, or a refusal.

    * normal return: the result, pickled back through a pipe (read before the child is joined,
      so a large result cannot deadlock);
    * a :class:`TertialError` (e.g. FileRefused): the same type, code, messages and details;
    * any other exception: FileRefused "unreadable" (the class name in ``details``);
    * MemoryError, death by a signal (a Rust abort) or any exit without an answer:
      FileRefused "unreadable_crash";
    * no answer within ``limits.child_timeout_s``: the child is killed, FileRefused "too_slow".

    ``alongside``, if given, runs in this process while the child works (the machine has more
    than one core): a check whose verdict must hold before the result is used. If it raises,
    the child is killed and its error propagates.
    """
    context = multiprocessing.get_context(start_method or default_start_method())
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_main, name="tertial-isolated-parse", daemon=True,
                            args=(sender, func, args, limits.child_memory_bytes))
    child.start()
    sender.close()  # only the child writes now: its death reads as end-of-file here
    answer: tuple = ("timeout",)  # also what an interrupted wait leaves: the child is killed
    try:
        if alongside is not None:
            alongside()
        answer = _receive(receiver, limits.child_timeout_s)
    finally:
        receiver.close()
        _stop(child, grace=EXIT_GRACE_S if answer[0] != "timeout" else 0.0)
    return _settle(answer, child.exitcode, limits)


def _receive(receiver, timeout_s: float) -> tuple:
    if not receiver.poll(timeout_s):
        return ("timeout",)
    try:
        return receiver.recv()
    except (EOFError, OSError):
        return ("died",)
    except Exception as exc:  # the answer arrived but could not be unpickled here
        return ("error", type(exc).__name__, "the answer could not be unpickled")


def _stop(child, grace: float) -> None:
    child.join(grace)
    if child.is_alive():
        child.kill()
        child.join()


def _settle(answer: tuple, exitcode: int | None, limits: Limits):
    kind = answer[0]
    if kind == "ok":
        return answer[1]
    if kind == "tertial":
        raise _rebuild(*answer[1:])
    if kind == "timeout":
        raise refusal("too_slow", seconds=limits.child_timeout_s)
    if kind == "memory":
        raise refusal("unreadable_crash", "memory")
    if kind == "died":
        signal_name = _signal_name(exitcode)
        raise refusal("unreadable_crash", "signal" if signal_name else "exit",
                      exit_code=exitcode, signal=signal_name)
    raise refusal("unreadable", error_class=answer[1], error_text=answer[2])


def _signal_name(exitcode: int | None) -> str | None:
    if exitcode is None or exitcode >= 0:
        return None
    try:
        return signal.Signals(-exitcode).name
    except ValueError:
        return f"signal {-exitcode}"


def _rebuild(cls: type[TertialError], args: tuple, state: dict) -> TertialError:
    """The child's TertialError, rebuilt without calling its (varying) ``__init__``."""
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


# ------------------------------------------------------------------------------ the child

def _child_main(sender, func: Callable, args: tuple, memory_bytes: int) -> None:
    faulthandler.disable()  # a crash here is an expected outcome, reported by the parent
    try:
        _limit_resources(memory_bytes)
        answer: tuple = ("ok", func(*args))
    except TertialError as error:
        answer = ("tertial", type(error), error.args, _state(error))
    except MemoryError:
        answer = ("memory",)
    except BaseException as error:  # everything else is "unreadable"
        answer = ("error", type(error).__name__, str(error)[:ERROR_TEXT_CHARS])
    try:
        sender.send(answer)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        sender.send(("error", type(error).__name__, "the result could not be pickled"))
    finally:
        sender.close()


def _state(error: TertialError) -> dict:
    """The error's attributes, with details made picklable (as text) where they are not."""
    state = dict(error.__dict__)
    try:
        pickle.dumps(state)
    except Exception:  # any unpicklable detail
        state["details"] = {key: repr(value) for key, value in error.details.items()}
        state = {key: value for key, value in state.items()
                 if key in ("code", "message_sv", "message_en", "details")}
    return state


def _limit_resources(memory_bytes: int) -> None:
    """No core files, and an address space of what the child has now plus ``memory_bytes``.

    Counting from the current size keeps the limit meaningful in a forked child, which starts
    with the parent's whole address space (a web worker with pandas loaded maps gigabytes it
    mostly shares copy-on-write).
    """
    if resource is None:
        return
    _core_soft, core_hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (0, core_hard))
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space() + memory_bytes
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int:
    """The process's current virtual size in bytes (0 where /proc is not available)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")
