#!/usr/bin/env python3
"""Where a PaySim node's CPU goes, from a dotnet-trace sampled-thread-time trace converted to speedscope JSON.

    python3 deploy/load/profile-layers.py TRACE.speedscope.json [--top 20]

The sampler records every managed thread's stack about every 10 ms, busy or not. A sample whose innermost frame is
managed code counts as busy; one that sits in native code (UNMANAGED_CODE_TIME: waits, epoll, socket syscalls)
counts as idle, so kernel time spent in socket calls is not in these shares; the script's caller reports the
process's CPU time from /proc beside them. Each busy sample goes to the layer of its innermost frame that belongs to
one (a System.* helper called by Npgsql is Npgsql's time), and prints: the share per layer, then the methods most
often on a busy stack (inclusive) and most often at its top (exclusive).
"""
import json
import sys
from collections import Counter

# First match wins, per frame, innermost frame first.
LAYERS = [
    ("sockets (HTTP, Orleans and PostgreSQL I/O)", ("System.Net.Sockets.",)),
    ("thread pool: spinning and waiting for work", ("System.Threading.LowLevelLifoSemaphore", "System.Threading.PortableThreadPool")),
    ("GC: allocation and suspension", ("System.GC.", "System.Threading.Thread.<PollGC>")),
    ("PostgreSQL client (Npgsql)", ("Npgsql.",)),
    ("PaySim store and reminders (Silo/)", ("PaySim.Silo.",)),
    ("Orleans serialization", ("Orleans.Serialization.",)),
    ("Orleans messaging and runtime", ("Orleans.",)),
    ("PaySim grains (Grains/)", ("PaySim.Grains.",)),
    ("JSON (System.Text.Json)", ("System.Text.Json.",)),
    ("PaySim gateway (Gateway/)", ("PaySim.Gateway.", "PaySim.Wire.")),
    ("HTTP (Kestrel, ASP.NET Core)", ("Microsoft.AspNetCore.",)),
    ("logging", ("Microsoft.Extensions.Logging.",)),
]
OTHER = "runtime, GC, thread pool, other"
# The sampler's pseudo-frames on top of a stack: in native code (idle, or in a syscall), or running managed code.
NATIVE, MANAGED = "UNMANAGED_CODE_TIME", "CPU_TIME"


def method_name(frame: str) -> str:
    # "Module!Namespace.Type.Method(args)" -> "Namespace.Type.Method"
    name = frame.split("!", 1)[1] if "!" in frame else frame
    return name.split("(", 1)[0]


def layer_of(stack):
    for frame in reversed(stack):
        for layer, prefixes in LAYERS:
            if frame.startswith(prefixes):
                return layer
    return OTHER


def main():
    path = sys.argv[1]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 20
    doc = json.load(open(path, encoding="utf-8"))
    frames = [method_name(f["name"]) for f in doc["shared"]["frames"]]
    busy_time = Counter()  # per layer
    inclusive = Counter()
    exclusive = Counter()
    total_busy = idle = 0.0
    for profile in doc["profiles"]:
        stack, last = [], None
        for event in profile.get("events", []):
            at = event["at"]
            if last is not None and stack and at > last:
                span = at - last
                names = [frames[i] for i in stack]
                if names[-1] == NATIVE:
                    idle += span
                else:
                    # Methods only: no pseudo-frame, nor the process and thread frames at the root.
                    names = [n for n in names if "." in n and n != MANAGED]
                    total_busy += span
                    busy_time[layer_of(names)] += span
                    exclusive[names[-1] if names else "?"] += span
                    for name in set(names):
                        inclusive[name] += span
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            elif stack:
                stack.pop()
    if total_busy == 0:
        sys.exit("no busy samples in " + path)
    print(f"busy thread time {total_busy / 1000:.1f} s, idle thread time {idle / 1000:.1f} s")
    print("\nshare of busy time by layer (innermost frame that belongs to one):")
    for layer, t in busy_time.most_common():
        print(f"  {100 * t / total_busy:5.1f} %  {layer}")
    print(f"\ntop {top} methods, inclusive (share of busy time they were on the stack):")
    for name, t in inclusive.most_common(top):
        print(f"  {100 * t / total_busy:5.1f} %  {name[:150]}")
    print(f"\ntop {top} methods, exclusive (share of busy time at the top of the stack):")
    for name, t in exclusive.most_common(top):
        print(f"  {100 * t / total_busy:5.1f} %  {name[:150]}")


if __name__ == "__main__":
    main()
