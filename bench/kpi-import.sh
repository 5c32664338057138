#!/usr/bin/env bash
# `steerco kpi import` of a generated 1,000,000-row CSV (1,000 KPIs × 1,000
# months) into a fresh database, run as a user would run it. steerco prints
# its own rows/s; the wall time includes start-up and the final commit.
# Usage: bench/kpi-import.sh [path to steerco, default target/release/steerco]
set -euo pipefail
bin=${1:-target/release/steerco}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/import.sqlite
csv=$work/values.csv

# The database is created by steerco; the 1,000 KPIs are inserted directly, as
# defining them one `steerco kpi add` at a time would take 1,000 processes.
"$bin" --db "$db" init >/dev/null
python3 - "$db" "$csv" <<'PY'
import sqlite3, sys
db, csv = sys.argv[1], sys.argv[2]
conn = sqlite3.connect(db)
conn.executemany(
    "INSERT INTO kpi (key, name, unit, direction, target, warning, created_at) "
    "VALUES (?, ?, '%', 'higher', 50, 40, '2026-01-01T00:00:00Z')",
    [(f"k{i}", f"Measure {i}") for i in range(1000)])
conn.commit()
with open(csv, "w") as f:
    f.write("kpi,period,value,note\n")
    for k in range(1000):
        for p in range(1000):
            m = 1900 * 12 + p
            f.write(f"k{k},{m // 12:04d}-{m % 12 + 1:02d},{50 + (k * 7 + p * 13) % 40 - 20}.5,\n")
PY
rows=$(($(wc -l <"$csv") - 1))
echo "rows in file: $rows ($(du -h "$csv" | cut -f1))"
start=$(date +%s.%N)
"$bin" --db "$db" kpi import "$csv"
end=$(date +%s.%N)
python3 -c "w=$end-$start; print(f'wall time {w:.2f} s, {($rows)/w:,.0f} rows/s end to end')"
