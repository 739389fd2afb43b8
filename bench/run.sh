#!/usr/bin/env bash
# bench/run.sh measures podfeed build against its floors on synthetic shows.
#
# For each N in $NS it generates a show of N episodes once (bench/gen; kept
# in $DATA and reused while the generator is unchanged), then measures wall
# time and peak RSS of:
#   cat      every input file to /dev/null (find | xargs cat)
#   floor    bench/floor: BurntSushi/toml decode of every file, one core
#   peer     bench/peer: BurntSushi/toml into structs + gorilla/feeds RSS
#   build    podfeed build into an empty output folder with an empty cache
#   rebuild  podfeed build again, nothing changed
# in $RUNS rounds (each round runs all five, so that load from other
# processes spreads over all of them), reports the median of each, and
# prints a markdown report, also written to bench/results-<date>.md.
#
# Environment:
#   NS="100 1000"   the show sizes (default "100 1000 10000 100000")
#   RUNS=3          rounds (the median is reported)
#   SLOW=60         a command whose first run takes longer than SLOW seconds
#                   is not run again at that N (marked * in the table)
#   DATA=DIR        where shows, binaries and outputs go
#                   (default ${TMPDIR:-/tmp}/podfeed-bench)
#   RESULTS=FILE    where the report goes (default bench/results-<date>.md)
#   REV=HEAD        the commit whose podfeed is measured: its tree is
#                   exported with git archive (read-only) and built;
#                   REV=worktree builds ./cmd/podfeed from the working tree
#                   as it is, uncommitted changes included
#   PODFEED=FILE    measure this podfeed binary instead (REV is ignored)
#   MAXBUILD=600    skip podfeed at an N where its full build, extrapolated
#                   linearly from the previous N, would take longer than this
#                   many seconds; it is also skipped when it would need more
#                   than half of MemAvailable (marked "skipped" in the table)
#   QUIET=0.5       before each N, wait (up to 15 minutes) until the 1-minute
#                   load average is below this (default: do not wait)
#
# Wall time is taken with nanosecond clock reads around /usr/bin/time (whose
# own %e has 10 ms resolution); peak RSS is /usr/bin/time's %M.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
NS=${NS:-"100 1000 10000 100000"}
RUNS=${RUNS:-3}
SLOW=${SLOW:-60}
MAXBUILD=${MAXBUILD:-600}
DATA=${DATA:-${TMPDIR:-/tmp}/podfeed-bench}
RESULTS=${RESULTS:-$here/results-$(date +%F).md}
NOW=2030-01-01T00:00:00Z # every generated episode is older: all are live

if [[ ! -x /usr/bin/time ]]; then
	echo "run.sh: /usr/bin/time is missing; install the Debian package time (apt-get install time)" >&2
	exit 1
fi

bin=$DATA/bin
mkdir -p "$bin"
echo "building binaries into $bin" >&2
(cd "$root" && go build -o "$bin/gen" ./bench/gen && go build -o "$bin/floor" ./bench/floor &&
	go build -o "$bin/peer" ./bench/peer)
if [[ -n ${PODFEED:-} ]]; then
	podfeed=$PODFEED
	tree="the binary $PODFEED ($("$podfeed" version 2>&1 | head -n 1))"
elif [[ ${REV:-HEAD} == worktree ]]; then
	(cd "$root" && go build -o "$bin/podfeed" ./cmd/podfeed)
	podfeed=$bin/podfeed
	commit=$(git -C "$root" rev-parse --short HEAD)
	changed=$(git -C "$root" status --porcelain -- . ':!bench' | wc -l)
	if ((changed > 0)); then
		tree="the working tree: commit $commit plus $changed uncommitted changes outside bench/"
	else
		tree="the working tree: commit $commit, nothing outside bench/ uncommitted"
	fi
else
	commit=$(git -C "$root" rev-parse --short "${REV:-HEAD}")
	src=$DATA/src-$commit
	if [[ ! -x $bin/podfeed-$commit ]]; then
		rm -rf "$src"
		mkdir -p "$src"
		git -C "$root" archive "$commit" | tar -x -C "$src"
		(cd "$src" && go build -o "$bin/podfeed-$commit" ./cmd/podfeed)
	fi
	podfeed=$bin/podfeed-$commit
	tree="commit $commit ($(git -C "$root" log -1 --format='%cs %s' "$commit")), built from git archive"
fi
genhash=$(sha256sum <"$root/bench/gen/main.go" | cut -c1-16)

# median prints the median of its arguments.
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure runs a command with its output discarded and prints
# "MICROSECONDS KILOBYTES CPU_SECONDS"; a failing command stops the script.
measure() {
	local t0 t1
	t0=$(date +%s%N)
	if ! /usr/bin/time -o "$DATA/time.out" -f '%e %M %U %S' "$@" >/dev/null 2>"$DATA/stderr.out"; then
		echo "run.sh: failed: $*" >&2
		cat "$DATA/stderr.out" "$DATA/time.out" >&2
		exit 1
	fi
	t1=$(date +%s%N)
	echo "$(((t1 - t0) / 1000)) $(tail -n 1 "$DATA/time.out" | awk '{print $2, $3 + $4}')"
}

# Nothing is deleted while measuring: ext4 skips recently freed inodes when
# it allocates new ones, which made a full build right after deleting the
# previous output up to 1.5x slower. Old outputs are moved into $trash,
# removed when the script ends.
rm -rf "$DATA"/trash.* # left only by an interrupted run
trash=$DATA/trash.$$
mkdir -p "$trash"
trap 'rm -rf "$trash"' EXIT
discarded=0
discard() {
	if [[ -e $1 ]]; then
		discarded=$((discarded + 1))
		mv "$1" "$trash/$discarded"
	fi
}

# clean moves away what a build may have left in the show folder (a cache,
# a lock), leaving only the generated input.
clean() {
	local show=$1 f
	while IFS= read -r -d '' f; do
		discard "$f"
	done < <(find "$show" -mindepth 1 -maxdepth 1 ! -name podcast.toml ! -name episodes ! -name .generated -print0
		find "$show/episodes" -mindepth 1 -maxdepth 1 ! -name '*.toml' -print0)
}

# Per command: the runs' microseconds, kilobytes and CPU seconds.
declare -A T K C

# run NAME CMD...: measures CMD once more unless its first run was slow.
# slow NAME succeeds when NAME's first run took over SLOW seconds: it is
# not run again.
slow() {
	local us
	[[ -n ${T[$1]:-} ]] || return 1
	read -r us _ <<<"${T[$1]}"
	((us > SLOW * 1000000))
}

run() {
	local name=$1 us kb cpu
	shift
	if slow "$name"; then
		return 1
	fi
	measure "$@" >"$DATA/measure.out"
	read -r us kb cpu <"$DATA/measure.out"
	T[$name]+="$us "
	K[$name]+="$kb "
	C[$name]+="$cpu "
}

# med KIND NAME prints the median of NAME's runs of KIND (T, K or C).
med() {
	local -n arr=$1
	# shellcheck disable=SC2086 # the runs are space-separated numbers
	median ${arr[$2]}
}

# runs NAME prints * when NAME ran fewer than RUNS times.
runs() {
	local -a a
	read -r -a a <<<"${T[$1]}"
	if ((${#a[@]} < RUNS)); then echo "*"; fi
}

# skip_reason N prints why podfeed is not run at N, judging by the last N
# measured (prev_n, prev_us, prev_kb), or nothing. Before any is measured it
# assumes N=1000 as measured at commit 86858d4 (1.1 s, 191 MB).
prev_n=1000 prev_us=1105000 prev_kb=195700
skip_reason() {
	local n=$1 avail
	avail=$(awk '/^MemAvailable:/ {print $2}' /proc/meminfo)
	awk -v n="$n" -v pn="$prev_n" -v pus="$prev_us" -v pkb="$prev_kb" -v avail="$avail" -v max="$MAXBUILD" \
		'BEGIN {
			s = pus / pn * n / 1e6; kb = pkb / pn * n
			if (kb > avail / 2) printf "its full build would need about %.1f GiB, more than half of the %.1f GiB available", kb/1048576, avail/1048576
			else if (s > max) printf "its full build would take about %.0f s, over MAXBUILD=%d s", s, max
		}'
}

abs_rows=()
ratio_rows=()
cpu_rows=()
out_rows=()
loads=()
skipped=()
for n in $NS; do
	show=$DATA/show-$n
	out=$DATA/out-$n
	want="n=$n seed=1 gen=$genhash"
	if [[ ! -f $show/.generated || $(cat "$show/.generated") != "$want" ]]; then
		echo "generating $show" >&2
		discard "$show"
		"$bin/gen" -n "$n" -o "$show"
		echo "$want" >"$show/.generated"
	fi
	clean "$show"
	files=$(find "$show" -name '*.toml' -type f | wc -l)
	bytes=$(find "$show" -name '*.toml' -type f -printf '%s\n' | awk '{s += $1} END {print s}')

	# Warm the page cache: every measurement reads its input from memory.
	find "$show" -name '*.toml' -type f -print0 | xargs -0 cat >/dev/null

	export XDG_CACHE_HOME=$DATA/cache
	T=() K=() C=()
	if [[ -n ${QUIET:-} ]]; then
		for ((w = 0; w < 90; w++)); do
			awk -v q="$QUIET" '{exit !($1 < q)}' /proc/loadavg && break
			sleep 10
		done
	fi
	load0=$(cut -d' ' -f1 /proc/loadavg)
	echo "N=$n ($files files, $bytes bytes), load $load0" >&2
	skip=$(skip_reason "$n")
	if [[ -n $skip ]]; then
		echo "  not running podfeed at N=$n: $skip" >&2
		skipped+=("N=$n: $skip")
	fi
	for ((r = 0; r < RUNS; r++)); do
		run cat sh -c 'find "$1" -name "*.toml" -type f -print0 | xargs -0 cat' sh "$show" || true
		run floor "$bin/floor" "$show" || true
		run peer "$bin/peer" "$show" "$DATA/peer-$n.xml" || true

		if [[ -n $skip ]]; then
			continue
		fi
		# A full build: empty output folder, empty cache, nothing left
		# in the show folder by earlier builds. When the full build is
		# too slow to repeat, its output stays for the rebuilds to check.
		if ! slow build; then
			discard "$out"
			discard "$DATA/cache"
			clean "$show"
			mkdir -p "$DATA/cache"
			if run build "$podfeed" build -o "$out" --now "$NOW" "$show"; then
				items=$(grep -c '<item>' "$out/feed.xml" || true)
				if [[ $items != "$n" ]]; then
					echo "run.sh: feed.xml of N=$n has $items items, want $n" >&2
					exit 1
				fi
			fi
		fi

		touch "$DATA/stamp"
		if run rebuild "$podfeed" build -o "$out" --now "$NOW" "$show"; then
			touched=$(find "$out" -type f -newer "$DATA/stamp" | wc -l)
			if ((touched > 0)); then
				echo "run.sh: warning: the unchanged rebuild of N=$n rewrote $touched files" >&2
			fi
		fi
	done
	load1=$(cut -d' ' -f1 /proc/loadavg)
	loads+=("$n: $load0 → $load1")
	for name in cat floor peer build rebuild; do
		echo "  $name: ${T[$name]:-}µs; ${K[$name]:-}KB; ${C[$name]:-}CPU s" >&2
	done
	if [[ -n $skip ]]; then
		abs_rows+=("$(awk -v n="$n" -v mb="$bytes" -v c="$(med T cat)" \
			-v f="$(med T floor)" -v fk="$(med K floor)" -v p="$(med T peer)" -v pk="$(med K peer)" \
			-v mf="$(runs floor)" -v mp="$(runs peer)" \
			'BEGIN {
				printf "| %d | %.1f | %.3f | %.3f%s | %.1f | %.3f%s | %.1f | skipped | | | |",
					n, mb/1e6, c/1e6, f/1e6, mf, fk/1024, p/1e6, mp, pk/1024
			}')")
		ratio_rows+=("$(awk -v n="$n" -v f="$(med T floor)" \
			'BEGIN { printf "| %d | | | | | | %.3f | skipped |", n, f/n/1000 }')")
		cpu_rows+=("$(awk -v n="$n" -v f="$(med C floor)" -v p="$(med C peer)" \
			'BEGIN { printf "| %d | %.2f | %.2f | skipped | | | |", n, f, p }')")
		continue
	fi
	prev_n=$n prev_us=$(med T build) prev_kb=$(med K build)
	out_rows+=("$(printf '| %d | %.1f | 1 | %.1f | %d |' "$n" \
		"$(awk -v b="$(stat -c %s "$DATA/peer-$n.xml")" 'BEGIN {print b/1e6}')" \
		"$(du -sb --exclude=".podfeed*" "$out" | awk '{print $1/1e6}')" \
		"$(find "$out" -type f ! -name ".podfeed*" | wc -l)")")

	abs_rows+=("$(awk -v n="$n" -v mb="$bytes" -v c="$(med T cat)" \
		-v f="$(med T floor)" -v fk="$(med K floor)" -v p="$(med T peer)" -v pk="$(med K peer)" \
		-v b="$(med T build)" -v bk="$(med K build)" \
		-v r="$(med T rebuild)" -v rk="$(med K rebuild)" \
		-v mf="$(runs floor)" -v mp="$(runs peer)" -v mb_="$(runs build)" -v mr="$(runs rebuild)" \
		'BEGIN {
			printf "| %d | %.1f | %.3f | %.3f%s | %.1f | %.3f%s | %.1f | %.3f%s | %.1f | %.3f%s | %.1f |",
				n, mb/1e6, c/1e6, f/1e6, mf, fk/1024, p/1e6, mp, pk/1024, b/1e6, mb_, bk/1024, r/1e6, mr, rk/1024
		}')")
	ratio_rows+=("$(awk -v n="$n" -v c="$(med T cat)" -v f="$(med T floor)" -v fk="$(med K floor)" \
		-v p="$(med T peer)" -v b="$(med T build)" -v bk="$(med K build)" -v r="$(med T rebuild)" \
		'BEGIN {
			printf "| %d | %.2f | %.2f | %.1f | %.2f | %.2f | %.3f | %.3f |",
				n, b/f, b/p, b/c, r/b, bk/fk, f/n/1000, b/n/1000
		}')")
	cpu_rows+=("$(awk -v n="$n" -v f="$(med C floor)" -v p="$(med C peer)" -v b="$(med C build)" \
		-v r="$(med C rebuild)" -v bw="$(med T build)" \
		'BEGIN {
			printf "| %d | %.2f | %.2f | %.2f | %.2f | %s | %.2f |",
				n, f, p, b, r, (f > 0 ? sprintf("%.2f", b/f) : "–"), b/(bw/1e6)
		}')")
done

report() {
	cat <<EOF
Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') RAM, $(go version | cut -d' ' -f3-).
podfeed: $tree.
Rounds: $RUNS, median reported; * marks a measurement run once (its first run took over ${SLOW} s).
Page cache warm (inputs read once before measuring). podfeed build runs with --now $NOW.
s = wall seconds (median), MB = peak RSS in MiB (median), CPU s = user + system seconds (median).
1-minute load average before → after each N (other processes share the machine): $(
		printf '%s; ' "${loads[@]}" | sed 's/; $//'
	).
$(for s in "${skipped[@]}"; do echo "podfeed not run at $s."; done)

| N | input MB | cat s | floor s | floor MB | peer s | peer MB | build s | build MB | rebuild s | rebuild MB |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${abs_rows[@]}")

| N | build / floor | build / peer | build / cat | rebuild / build | build MB / floor MB | floor ms/episode | build ms/episode |
|---:|---:|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${ratio_rows[@]}")

CPU time, less sensitive to other processes than wall time; "build cores" is build CPU s / build s.

| N | floor CPU s | peer CPU s | build CPU s | rebuild CPU s | build CPU / floor CPU | build cores |
|---:|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${cpu_rows[@]}")

What each writes (the peer: one plain RSS file; podfeed build: every output of the design).

| N | peer MB | peer files | build MB | build files |
|---:|---:|---:|---:|---:|
$(printf '%s\n' "${out_rows[@]}")

Targets (issue 7, at N = 10,000): build / floor ≤ 0.8, build / peer ≤ 1, build MB / floor MB ≤ 1.2, rebuild / build ≤ 0.2.
EOF
}
report | tee "$RESULTS"
echo "wrote $RESULTS" >&2
