#!/usr/bin/env python3
"""Prints the test classes that took longest, from the trx files `dotnet test --logger trx` wrote.

Usage: scripts/slowest-tests.py <results-folder> [count]
Classes run side by side, so the sums overlap; they show where a run's time goes, not the wall clock.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"


def seconds(duration):
    hours, minutes, rest = duration.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def main():
    folder = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    classes = defaultdict(lambda: [0.0, 0])
    for path in glob.glob(os.path.join(folder, "**", "*.trx"), recursive=True):
        for result in ET.parse(path).getroot().iter(NS + "UnitTestResult"):
            name = result.get("testName", "").split("(", 1)[0]
            owner = name.rsplit(".", 1)[0]
            totals = classes[owner]
            totals[0] += seconds(result.get("duration", "0:0:0"))
            totals[1] += 1
    for owner, (total, tests) in sorted(classes.items(), key=lambda item: -item[1][0])[:count]:
        print(f"{total:8.1f} s  {tests:4d} tests  {owner}")


if __name__ == "__main__":
    main()
