#!/usr/bin/env python3
"""Where a constant-rate run's tail comes from: stalls, and how often they come.

    python3 deploy/load/stalls.py TIMELINE.csv [--threshold-ms MS] [--gap-ms 20]

Reads the timeline written by `deploy/load/rate --timeline FILE` (one line per request: its slot, its latency, its
outcome). A request is late when its latency is above --threshold-ms (by default three times the run's median). A stall is a run of late requests whose slots
lie within --gap-ms of each other: requests scheduled while the node (or the machine) stopped, which all answer when
it resumes. Prints each stall (its start as UTC wall-clock time, to line it up with other recorders such as
`dotnet-counters`, `perf` or the kernel's own statistics; its length; its worst latency), the intervals between stall
starts (a steady cadence points at something periodic: a timer, a collector, the kernel), and the latency
percentiles of the requests outside every stall, which is what the run would have shown without them.
"""
import argparse
import statistics
import sys
from datetime import datetime, timedelta


def percentile(sorted_values, quantile):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(quantile * len(sorted_values)))]


def read_timeline(path):
    first_slot = None
    requests = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if line.startswith("# first slot at "):
                # .NET's round-trip format has 7 fractional digits; Python's parser takes at most 6.
                stamp = line.removeprefix("# first slot at ")
                head, _, tail = stamp.partition(".")
                fraction, zone = tail[:7], tail[7:]
                first_slot = datetime.fromisoformat(f"{head}.{fraction[:6]}{zone}")
            elif line and not line.startswith(("#", "slot_ms")):
                slot, latency, outcome = line.split(",")
                requests.append((float(slot), float(latency), outcome))
    if first_slot is None:
        sys.exit(f"{path}: no '# first slot at' header; is it a deploy/load/rate --timeline file?")
    return first_slot, requests


def find_stalls(requests, threshold_ms, gap_ms):
    stalls, current = [], None
    for slot, latency, _ in requests:
        if latency <= threshold_ms:
            continue
        if current and slot - current["last"] <= gap_ms:
            current["last"] = slot
            current["worst"] = max(current["worst"], latency)
            current["count"] += 1
        else:
            current = {"first": slot, "last": slot, "worst": latency, "count": 1}
            stalls.append(current)
    return stalls


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("timeline")
    parser.add_argument("--threshold-ms", type=float, default=None)
    parser.add_argument("--gap-ms", type=float, default=20.0)
    args = parser.parse_args()

    first_slot, requests = read_timeline(args.timeline)
    if not requests:
        sys.exit(f"{args.timeline}: no requests")
    span_s = (requests[-1][0] - requests[0][0]) / 1000
    if args.threshold_ms is None:
        args.threshold_ms = round(3 * statistics.median(latency for _, latency, _ in requests), 1)
    stalls = find_stalls(requests, args.threshold_ms, args.gap_ms)
    print(f"{len(requests)} requests over {span_s:.1f} s from {first_slot:%H:%M:%S.%f} UTC; "
          f"{len(stalls)} stalls (requests later than {args.threshold_ms:g} ms, slots within {args.gap_ms:g} ms)")
    for stall in stalls:
        start = first_slot + timedelta(milliseconds=stall["first"])
        print(f"  {start:%H:%M:%S.%f} UTC  +{stall['first'] / 1000:8.3f} s  slots over {stall['last'] - stall['first']:6.1f} ms"
              f"  {stall['count']:5d} late  worst {stall['worst']:7.1f} ms")

    if len(stalls) > 1:
        intervals = [(b["first"] - a["first"]) / 1000 for a, b in zip(stalls, stalls[1:])]
        print(f"interval between stall starts: median {statistics.median(intervals):.3f} s, "
              f"min {min(intervals):.3f} s, max {max(intervals):.3f} s")

    def summary(latencies):
        latencies = sorted(latencies)
        return "  ".join(f"{name} {percentile(latencies, q):.2f}" for name, q in
                         (("p50", 0.5), ("p99", 0.99), ("p99.9", 0.999), ("max", 1.0)))

    inside = set()
    for stall in stalls:
        inside.update(index for index, (slot, _, _) in enumerate(requests)
                      if stall["first"] - args.gap_ms <= slot <= stall["last"] + args.gap_ms)
    outside = [latency for index, (_, latency, _) in enumerate(requests) if index not in inside]
    print(f"latency ms, every request:        {summary([latency for _, latency, _ in requests])}")
    print(f"latency ms, outside the stalls:   {summary(outside)}  ({len(outside)} requests)")


if __name__ == "__main__":
    main()
