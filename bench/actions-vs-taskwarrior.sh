#!/usr/bin/env bash
# steerco's action CLI against taskwarrior on the same 10,000 open items:
# the time to add one item and to list them all. Prints the means and the
# ratios; the target is steerco at least 10x faster on both.
#
#   bench/actions-vs-taskwarrior.sh [ITEMS]
#
# Needs: a release build (cargo build --release), python3 (to load the data),
# optionally hyperfine (else a timed loop) and taskwarrior (else the peer is
# skipped with a message).
set -euo pipefail

ITEMS=${1:-10000}
RUNS=${RUNS:-20}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
STEERCO=${STEERCO:-$ROOT/target/release/steerco}
[ -x "$STEERCO" ] || { echo "build first: cargo build --release" >&2; exit 2; }
command -v python3 >/dev/null || { echo "needs python3 to load the generated items" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/steerco.sqlite

# The same generated items for both: title, owner, due date.
python3 - "$ITEMS" "$WORK/items.tsv" <<'PY'
import sys, datetime
n, out = int(sys.argv[1]), sys.argv[2]
start = datetime.date(2026, 12, 1)
with open(out, "w") as f:
    for i in range(n):
        due = start + datetime.timedelta(days=i % 200)
        f.write(f"Generated item {i} about process {i % 97}\tPerson{i % 10}\t{due}\n")
PY

# steerco: the binary makes the schema, python fills it in one transaction.
"$STEERCO" --db "$DB" review list >/dev/null
python3 - "$DB" "$WORK/items.tsv" <<'PY'
import sys, sqlite3
db, items = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
con.executemany("INSERT INTO person (name, os_user) VALUES (?, ?)",
                [(f"Person{i}", f"user{i}") for i in range(10)])
people = {name: pid for pid, name in con.execute("SELECT id, name FROM person")}
ts = "2026-11-21T09:00:00Z"
with open(items) as f:
    for n, line in enumerate(f, 1):
        title, owner, due = line.rstrip("\n").split("\t")
        cur = con.execute(
            "INSERT INTO action (ref, title, owner_id, due, created_by, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, 'bench', ?, ?)",
            (f"A-2026-{n:05d}", title, people[owner], due, ts, ts))
        con.execute("INSERT INTO action_event (action_id, at, actor, to_status) VALUES (?, ?, 'bench', 'open')",
                    (cur.lastrowid, ts))
con.commit()
PY

# median_ms NAME CMD...: median wall time in milliseconds (the median, as
# other work on a shared machine makes the mean jump).
median_ms() {
    local name=$1; shift
    if command -v hyperfine >/dev/null; then
        hyperfine -N --style none --warmup 2 --runs "$RUNS" --export-json "$WORK/$name.json" \
            --command-name "$name" "$(printf '%q ' "$@")" >/dev/null 2>&1
        python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000, 2))' "$WORK/$name.json"
    else
        local t0 t1 times=()
        for _ in $(seq "$RUNS"); do
            t0=$(date +%s%N)
            "$@" >/dev/null 2>&1
            t1=$(date +%s%N)
            times+=($((t1 - t0)))
        done
        printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f\n", a[int((NR+1)/2)]/1e6}'
    fi
}

echo "Items: $ITEMS open, median of $RUNS runs each ($(command -v hyperfine >/dev/null && echo hyperfine || echo 'timed loop'))"
s_add=$(median_ms steerco-add "$STEERCO" --db "$DB" action add "Bench item" --owner Person3 --due 2027-01-15)
s_list=$(median_ms steerco-list "$STEERCO" --db "$DB" action list)
rows=$("$STEERCO" --db "$DB" action list | wc -l)
printf '%-28s %10s ms   (%s rows listed)\n' "steerco action add" "$s_add" "$((rows - 1))"
printf '%-28s %10s ms\n' "steerco action list" "$s_list"

if ! command -v task >/dev/null; then
    echo "taskwarrior (task) is not installed: peer skipped (apt-get install taskwarrior)"
    exit 0
fi
export TASKDATA=$WORK/task TASKRC=$WORK/taskrc
mkdir -p "$TASKDATA"
printf 'data.location=%s\nconfirmation=no\nverbose=nothing\nnews.version=99.99\n' "$TASKDATA" >"$TASKRC"
python3 - "$WORK/items.tsv" >"$WORK/tasks.json" <<'PY'
import sys, json
with open(sys.argv[1]) as f:
    for line in f:
        title, owner, due = line.rstrip("\n").split("\t")
        print(json.dumps({"description": title, "status": "pending", "project": owner,
                          "due": due.replace("-", "") + "T000000Z", "entry": "20261121T090000Z"}))
PY
task import "$WORK/tasks.json" >/dev/null 2>&1
t_add=$(median_ms task-add task add "Bench item" project:Person3 due:2027-01-15)
t_list=$(median_ms task-list task list)
printf '%-28s %10s ms   (taskwarrior %s)\n' "task add" "$t_add" "$(task --version)"
printf '%-28s %10s ms\n' "task list" "$t_list"
python3 - "$s_add" "$t_add" "$s_list" "$t_list" <<'PY'
import sys
s_add, t_add, s_list, t_list = map(float, sys.argv[1:])
for what, s, t in (("add", s_add, t_add), ("list", s_list, t_list)):
    ratio = t / s if s else float("inf")
    verdict = "meets" if ratio >= 10 else "MISSES"
    print(f"{what:>4}: steerco is {ratio:5.1f}x faster than taskwarrior ({verdict} the 10x target)")
PY
