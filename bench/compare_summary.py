#!/usr/bin/env python3
"""Summarises bench/compare.sh results: medians over rounds and Petrel's ratio to the better
Mosquitto, as a Markdown table. Usage: compare_summary.py results.tsv CLK_TCK"""
import csv
import json
import statistics
import sys

BROKERS = ["mosquitto", "mosquitto-nodelay", "petrel"]


def load(path, ticks_per_second):
    rows = {}
    with open(path) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            try:
                with open(row["json"]) as j:
                    run = json.load(j)
            except (OSError, ValueError):
                continue
            cpu_seconds = int(row["cpu_ticks"]) / ticks_per_second
            delivered = run.get("received") or 0
            metrics = {
                "throughput": run.get("receiveRate"),
                "p50": run.get("latencyMs", {}).get("p50"),
                "p99": run.get("latencyMs", {}).get("p99"),
                "p999": run.get("latencyMs", {}).get("p999"),
                "cpu_us_per_msg": cpu_seconds / delivered * 1e6 if delivered else None,
                "peak_rss_mb": int(row["rss_max_kb"]) / 1024,
                "lost": run.get("lost"),
            }
            if run.get("scenario") == "conn":
                connections = run.get("connections") or 0
                growth = int(row["rss_max_kb"]) - int(row["rss_before_kb"])
                metrics = {
                    "connect_rate": run.get("connectRate"),
                    "kb_per_conn": growth / connections if connections else None,
                    "peak_rss_mb": int(row["rss_max_kb"]) / 1024,
                    "failures": run.get("connectFailures"),
                }
            rows.setdefault(row["scenario"], {}).setdefault(row["broker"], []).append(metrics)
    return rows


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# metric: (label, higher is better)
METRICS = {
    "throughput": ("msg/s delivered", True),
    "p50": ("p50 ms", False),
    "p99": ("p99 ms", False),
    "p999": ("p99.9 ms", False),
    "cpu_us_per_msg": ("broker CPU µs/msg", False),
    "peak_rss_mb": ("peak RSS MB", False),
    "lost": ("lost", False),
    "connect_rate": ("connects/s", True),
    "kb_per_conn": ("KB per connection", False),
    "failures": ("connect failures", False),
}


def fmt(v):
    if v is None:
        return "–"
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.3g}"


def main():
    rows = load(sys.argv[1], int(sys.argv[2]))
    print("| scenario | metric | mosquitto | mosquitto nodelay | petrel | petrel / better mosquitto |")
    print("|---|---|---:|---:|---:|---:|")
    for scenario, by_broker in rows.items():
        keys = next(iter(by_broker.values()))[0].keys()
        for key in keys:
            label, higher_better = METRICS[key]
            med = {b: median([m[key] for m in by_broker.get(b, [])]) for b in BROKERS}
            mosq = [v for v in (med["mosquitto"], med["mosquitto-nodelay"]) if v is not None]
            better = (max(mosq) if higher_better else min(mosq)) if mosq else None
            ratio = med["petrel"] / better if med["petrel"] is not None and better else None
            print(f"| {scenario} | {label} | {fmt(med['mosquitto'])} | "
                  f"{fmt(med['mosquitto-nodelay'])} | {fmt(med['petrel'])} | "
                  f"{'–' if ratio is None else f'{ratio:.2f}'} |")


if __name__ == "__main__":
    main()
