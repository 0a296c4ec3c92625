"""Run an untrusted parse in a child process that may crash, bloat or hang without harm.

python-calamine can abort the whole process on a hostile sheet, and openpyxl can run past 4 GB
on a 3 KB file (see TESTING.md). So the parse runs in a child with an address-space limit and a
wall-clock timeout, and whatever happens there, the parent (the web worker) gets either the
result or a :class:`~loaders.errors.FileRefused` it can show to the user.

The child is forked when the platform can (fast: nothing is imported again, and ``func`` may be
any callable); elsewhere it is spawned, and then ``func`` and its arguments must be picklable.

A check that must run beside the parse (``alongside``: the loader's full scans of the sheet XML)
runs in a second forked child under the same limits and the same deadline. The parent only
waits, so nothing a file does to those scans can keep it busy past ``child_timeout_s``: a
deadline checked between chunks would hold only while every scan of a chunk is fast, and a
thread cannot be stopped (a regular expression holds the GIL until it returns).
"""

from __future__ import annotations

import faulthandler
import gc
import multiprocessing
import os
import pickle
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from loaders.errors import TertialError
from loaders.ingest.limits import DEFAULT_LIMITS, Limits
from loaders.ingest.refusals import refusal

try:
    import resource
except ImportError:  # not on Windows: the timeout still holds there
    resource = None

T = TypeVar("T")
EXIT_GRACE_S = 5.0  # time a child that has sent its answer gets to exit before it is killed
ERROR_TEXT_CHARS = 300  # how much of a foreign exception's text is kept in the details


def default_start_method() -> str:
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


@dataclass
class _Child:
    process: Any  # a multiprocessing Process
    receiver: Any  # the read end of its pipe
    answer: tuple = ("timeout",)  # also what an interrupted wait leaves: the child is killed


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

    ``alongside``, if given, runs while the child works (the machine has more than one core):
    a check whose verdict must hold before the result is used. It runs in a second child under
    the same limits, settled like the first; the wait for both together ends at
    ``limits.child_timeout_s`` ("too_slow"). If it refuses, the parse is killed unread. Where
    children are spawned (a closure cannot be pickled) it runs in this process, unbounded.
    """
    context = multiprocessing.get_context(start_method or default_start_method())
    deadline = time.monotonic() + limits.child_timeout_s
    parse, check = _start(context, func, args, limits, "parse"), None
    try:
        if alongside is not None and context.get_start_method() == "fork":
            check = _start(context, alongside, (), limits, "check")
            check.answer = _receive(check.receiver, deadline - time.monotonic())
        elif alongside is not None:
            alongside()
        if check is None or check.answer[0] == "ok":
            parse.answer = _receive(parse.receiver, deadline - time.monotonic())
    finally:
        for child in (check, parse):
            if child is not None:
                _finish(child)
    if check is not None:
        _settle(check.answer, check.process.exitcode, limits)
    return _settle(parse.answer, parse.process.exitcode, limits)


def _start(context, func: Callable, args: tuple, limits: Limits, role: str) -> _Child:
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child_main, name=f"tertial-isolated-{role}", daemon=True,
                              args=(sender, func, args, limits.child_memory_bytes))
    process.start()
    sender.close()  # only the child writes now: its death reads as end-of-file here
    return _Child(process, receiver)


def _finish(child: _Child) -> None:
    """Close the pipe; give a child that answered time to exit, kill one that did not."""
    child.receiver.close()
    _stop(child.process, grace=EXIT_GRACE_S if child.answer[0] != "timeout" else 0.0)


def _receive(receiver, timeout_s: float) -> tuple:
    if not receiver.poll(max(timeout_s, 0.0)):
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
    # A forked child holds the parent's objects, its garbage among them. Collected here, a
    # finaliser would act on the parent's behalf: a lost database connection's, say, would
    # end the parent's session on the server through the socket both share. Frozen, the
    # collector never looks at them in the child (and never writes to their pages).
    gc.freeze()
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
