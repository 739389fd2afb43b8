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
#   writefloor  bench/writefloor: the full build's files written again into
#            a new folder (same names and bytes, create+write on two
#            goroutines, no rename, no sync)
#   edit     podfeed build after one episode's title changed
#   add      podfeed build after one episode was added (the newest)
#   remove   podfeed build after one episode file was removed, confirmed
#            with --allow-removal GUID
# in $RUNS rounds (each round runs all nine, so that load from other
# processes spreads over all of them), reports the median of each, and
# prints a markdown report, also written to bench/results-<date>.md.
#
# Each of edit, add and remove builds into a copy of the full build's
# output folder (and cache), made with cp -a and synced before the clock
# starts, so each starts from a full build of the show before the change.
# The show is changed in place and put back after each (the same bytes and
# file times); a changed or added file and the episodes folder are dated
# 2025-12-02, settled long ago as the generator's 2025-12-01 is, so no
# build distrusts their times.
#
# Nothing is deleted until the script ends, so DATA needs room for every
# output of the run: about 5 full outputs per round at each N (5.6 GB
# each at N = 100,000, 0.56 GB at 10,000).
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
#   DROP_CACHES=1   write out and drop the page cache (root only) before
#                   each round, whose inputs cat then reads again, and before
#                   the write floor and each incremental build, whose inputs
#                   are read again first (the full build's output, and the
#                   show). Each round leaves about 3 GB of outputs in the
#                   page cache at N = 10,000, and on some machines (this
#                   project's VMs) creating and copying files gets slower
#                   with it: the write floor took 1.8-2.0 s in a first round,
#                   3.2 s in the next two, and the incremental builds 60 % more;
#                   within one round, an add or a remove after the others
#                   took 0.4-0.5 s more of system time.
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
	go build -o "$bin/peer" ./bench/peer && go build -o "$bin/writefloor" ./bench/writefloor)
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

# leftovers lists, NUL-separated, what builds left in the show folder (a
# cache, a lock): everything but the generated input.
leftovers() {
	find "$1" -mindepth 1 -maxdepth 1 ! -name podcast.toml ! -name episodes ! -name .generated -print0
	find "$1/episodes" -mindepth 1 -maxdepth 1 ! -name '*.toml' -print0
}

# clean moves away what a build may have left in the show folder, leaving
# only the generated input.
clean() {
	local f
	while IFS= read -r -d '' f; do
		discard "$f"
	done < <(leftovers "$1")
}

# save_leftovers copies what the full build left in the show folder into
# $DATA/leftovers; restore_leftovers puts exactly that back, so that each
# incremental build finds the show folder as the full build left it.
save_leftovers() {
	local f
	discard "$DATA/leftovers"
	mkdir -p "$DATA/leftovers/episodes"
	while IFS= read -r -d '' f; do
		cp -a "$f" "$DATA/leftovers/${f#"$show"/}"
	done < <(leftovers "$show")
}
restore_leftovers() {
	local f
	clean "$show"
	while IFS= read -r -d '' f; do
		cp -a "$f" "$show/${f#"$DATA/leftovers"/}"
	done < <(find "$DATA/leftovers" -mindepth 1 -maxdepth 1 ! -name episodes -print0
		find "$DATA/leftovers/episodes" -mindepth 1 -maxdepth 1 -print0)
}

# The show's times: bench/gen dates every file and folder $gentime; a file
# the script changes or adds, and the episodes folder then, get $edittime.
gentime="2025-12-01 00:00:00 UTC"
edittime="2025-12-02 00:00:00 UTC"

# tree_size prints the number of regular files under a folder and their
# bytes.
tree_size() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print NR, s + 0}'; }

# check_feed FEED NAME ITEMS [GREP [GREP_NOT]] stops the script unless the
# feed has ITEMS items, contains GREP and does not contain GREP_NOT.
check_feed() {
	local items
	items=$(grep -c '<item>' "$1" || true)
	if [[ $items != "$3" ]]; then
		echo "run.sh: feed.xml after $2 at N=$n has $items items, want $3" >&2
		exit 1
	fi
	if [[ -n ${4:-} ]] && ! grep -qF -- "$4" "$1"; then
		echo "run.sh: feed.xml after $2 at N=$n lacks $4" >&2
		exit 1
	fi
	if [[ -n ${5:-} ]] && grep -qF -- "$5" "$1"; then
		echo "run.sh: feed.xml after $2 at N=$n still has $5" >&2
		exit 1
	fi
}

# incremental NAME ARGS... measures podfeed build ARGS... of the show as
# the caller changed it, into a copy of the full build's output folder and
# cache ($out and $DATA/cache), with the show folder's leftovers as the
# full build left them. The copy is neither timed nor deleted after.
incremental() {
	local name=$1 scratch=$DATA/inc-$n
	shift
	discard "$scratch"
	discard "$scratch.cache"
	drop_caches
	warm "$show"
	cp -a "$out" "$scratch"
	cp -a "$DATA/cache" "$scratch.cache"
	restore_leftovers
	sync -f "$scratch" # the copy's writes are not the build's to flush
	export XDG_CACHE_HOME=$scratch.cache
	touch -d "$edittime" "$show/episodes"
	run "$name" "$podfeed" build "$@" -o "$scratch" --now "$NOW" "$show" || true
	export XDG_CACHE_HOME=$DATA/cache
}

# drop_caches writes out and drops the page cache, with DROP_CACHES=1.
drop_caches() {
	if [[ ${DROP_CACHES:-0} == 1 ]]; then
		sync
		echo 3 >/proc/sys/vm/drop_caches
	fi
}

# warm DIR reads every file under DIR into the page cache.
warm() {
	find "$1" -type f -print0 | xargs -0 cat >/dev/null
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
inc_rows=()
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

	# The changes the incremental builds measure: the middle episode's
	# title edited, or that episode removed; a copy of the newest episode
	# added as a newer one with its own number, guid, title and audio.
	mapfile -t eps < <(find "$show/episodes" -mindepth 1 -maxdepth 1 -name '*.toml' -printf '%f\n' | sort)
	mid=${eps[$((${#eps[@]} / 2))]}
	last=${eps[-1]}
	unset eps
	mid_guid=$(sed -n 's/^guid = "\(.*\)"$/\1/p' "$show/episodes/$mid")
	cp -p "$show/episodes/$mid" "$DATA/mid.toml"
	prefix=${last%%-*}
	added=$(printf '%0*d-bench-added.toml' "${#prefix}" $((n + 1)))
	added_title="An episode added by bench/run.sh (#$((n + 1)))"
	sed -e "0,/^title = /s|^title = .*|title = \"$added_title\"|" -e "s/^number = .*/number = $((n + 1))/" \
		-e 's/^published = .*/published = 2025-06-01T09:00:00Z/' -e 's/^guid = .*/guid = "synthetic-bench-added"/' \
		-e 's|^url = "\(https://media.*\)\.mp3"$|url = "\1-added.mp3"|' "$show/episodes/$last" >"$DATA/added.toml"
	touch -d "$edittime" "$DATA/added.toml"
	for ((r = 0; r < RUNS; r++)); do
		drop_caches
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

		# The write floor: the full build's files written again into a
		# folder that does not exist. Its writes are flushed after, so
		# that the next build's sync does not pay for them.
		if ! slow writefloor; then
			discard "$DATA/wf-$n"
			drop_caches
			warm "$out"
			run writefloor "$bin/writefloor" -from "$out" -o "$DATA/wf-$n" || true
			if [[ $(tree_size "$DATA/wf-$n") != "$(tree_size "$out")" ]]; then
				echo "run.sh: the write floor of N=$n wrote $(tree_size "$DATA/wf-$n") (files bytes), want $(tree_size "$out")" >&2
				exit 1
			fi
			sync -f "$DATA/wf-$n"
		fi

		# Edit one, add one, remove one: each from the full build, each
		# undone after. Without .generated while the show is changed, an
		# interrupted run leaves a show the next run generates again.
		save_leftovers
		rm "$show/.generated"
		if ! slow edit; then
			sed -i '0,/^title = "/s/^title = "\(.*\)"$/title = "\1 (edited)"/' "$show/episodes/$mid"
			touch -d "$edittime" "$show/episodes/$mid"
			incremental edit
			check_feed "$DATA/inc-$n/feed.xml" edit "$n" "(#$((n / 2 + 1))) (edited)</title>"
			cp -p "$DATA/mid.toml" "$show/episodes/$mid"
		fi
		if ! slow add; then
			cp -p "$DATA/added.toml" "$show/episodes/$added"
			incremental add
			check_feed "$DATA/inc-$n/feed.xml" add $((n + 1)) "<title>$added_title</title>"
			mv "$show/episodes/$added" "$DATA/added.toml"
		fi
		if ! slow remove; then
			mv "$show/episodes/$mid" "$DATA/removed.toml"
			incremental remove --allow-removal "$mid_guid"
			check_feed "$DATA/inc-$n/feed.xml" remove $((n - 1)) "" ">$mid_guid</guid>"
			mv "$DATA/removed.toml" "$show/episodes/$mid"
		fi
		restore_leftovers
		touch -d "$gentime" "$show/episodes"
		echo "$want" >"$show/.generated"
	done
	load1=$(cut -d' ' -f1 /proc/loadavg)
	loads+=("$n: $load0 → $load1")
	for name in cat floor peer build rebuild writefloor edit add remove; do
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
		inc_rows+=("| $n | skipped | | | | | | | |")
		ratio_rows+=("$(awk -v n="$n" -v f="$(med T floor)" \
			'BEGIN { printf "| %d | | | | | | %.3f | skipped | | | | | |", n, f/n/1000 }')")
		cpu_rows+=("$(awk -v n="$n" -v f="$(med C floor)" -v p="$(med C peer)" \
			'BEGIN { printf "| %d | %.2f | %.2f | skipped | | | | | | | |", n, f, p }')")
		continue
	fi
	prev_n=$n prev_us=$(med T build) prev_kb=$(med K build)
	out_rows+=("$(printf '| %d | %.1f | 1 | %.1f | %d |' "$n" \
		"$(awk -v b="$(stat -c %s "$DATA/peer-$n.xml")" 'BEGIN {print b/1e6}')" \
		"$(du -sb --exclude=".podfeed*" "$out" | awk '{print $1/1e6}')" \
		"$(find "$out" -name ".podfeed*" -prune -o -type f -print | wc -l)")")

	abs_rows+=("$(awk -v n="$n" -v mb="$bytes" -v c="$(med T cat)" \
		-v f="$(med T floor)" -v fk="$(med K floor)" -v p="$(med T peer)" -v pk="$(med K peer)" \
		-v b="$(med T build)" -v bk="$(med K build)" \
		-v r="$(med T rebuild)" -v rk="$(med K rebuild)" \
		-v mf="$(runs floor)" -v mp="$(runs peer)" -v mb_="$(runs build)" -v mr="$(runs rebuild)" \
		'BEGIN {
			printf "| %d | %.1f | %.3f | %.3f%s | %.1f | %.3f%s | %.1f | %.3f%s | %.1f | %.3f%s | %.1f |",
				n, mb/1e6, c/1e6, f/1e6, mf, fk/1024, p/1e6, mp, pk/1024, b/1e6, mb_, bk/1024, r/1e6, mr, rk/1024
		}')")
	inc_rows+=("$(awk -v n="$n" -v w="$(med T writefloor)" -v wk="$(med K writefloor)" \
		-v e="$(med T edit)" -v ek="$(med K edit)" -v a="$(med T add)" -v ak="$(med K add)" \
		-v d="$(med T remove)" -v dk="$(med K remove)" \
		-v mw="$(runs writefloor)" -v me="$(runs edit)" -v ma="$(runs add)" -v md="$(runs remove)" \
		'BEGIN {
			printf "| %d | %.3f%s | %.1f | %.3f%s | %.1f | %.3f%s | %.1f | %.3f%s | %.1f |",
				n, w/1e6, mw, wk/1024, e/1e6, me, ek/1024, a/1e6, ma, ak/1024, d/1e6, md, dk/1024
		}')")
	ratio_rows+=("$(awk -v n="$n" -v c="$(med T cat)" -v f="$(med T floor)" -v fk="$(med K floor)" \
		-v p="$(med T peer)" -v b="$(med T build)" -v bk="$(med K build)" -v r="$(med T rebuild)" \
		-v w="$(med T writefloor)" -v e="$(med T edit)" -v ek="$(med K edit)" -v a="$(med T add)" -v d="$(med T remove)" \
		'BEGIN {
			printf "| %d | %.2f | %.2f | %.1f | %.2f | %.2f | %.3f | %.3f | %.2f | %.2f | %.2f | %.2f | %.2f |",
				n, b/f, b/p, b/c, r/b, bk/fk, f/n/1000, b/n/1000, b/(f+w), e/b, a/b, d/b, ek/fk
		}')")
	cpu_rows+=("$(awk -v n="$n" -v f="$(med C floor)" -v p="$(med C peer)" -v b="$(med C build)" \
		-v r="$(med C rebuild)" -v bw="$(med T build)" \
		-v w="$(med C writefloor)" -v e="$(med C edit)" -v a="$(med C add)" -v d="$(med C remove)" \
		'BEGIN {
			printf "| %d | %.2f | %.2f | %.2f | %.2f | %s | %.2f | %.2f | %.2f | %.2f | %.2f |",
				n, f, p, b, r, (f > 0 ? sprintf("%.2f", b/f) : "–"), b/(bw/1e6), w, e, a, d
		}')")
done

report() {
	local dropped=""
	if [[ ${DROP_CACHES:-0} == 1 ]]; then
		dropped="; dropped before each round (DROP_CACHES=1)"
	fi
	cat <<EOF
Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') RAM, $(go version | cut -d' ' -f3-).
podfeed: $tree.
Rounds: $RUNS, median reported; * marks a measurement run once (its first run took over ${SLOW} s).
Page cache warm (inputs read once before measuring)$dropped. podfeed build runs with --now $NOW.
s = wall seconds (median), MB = peak RSS in MiB (median), CPU s = user + system seconds (median).
1-minute load average before → after each N (other processes share the machine): $(
		printf '%s; ' "${loads[@]}" | sed 's/; $//'
	).
$(for s in "${skipped[@]}"; do echo "podfeed not run at $s."; done)

| N | input MB | cat s | floor s | floor MB | peer s | peer MB | build s | build MB | rebuild s | rebuild MB |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${abs_rows[@]}")

The write floor and the incremental builds: write floor = the full build's files written again
(create + write, two goroutines, no rename, no sync); edit, add and remove = podfeed build after
one episode's title changed, one episode added, one removed (with --allow-removal), each into a
copy of the full build's output.

| N | write floor s | write floor MB | edit s | edit MB | add s | add MB | remove s | remove MB |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${inc_rows[@]}")

| N | build / floor | build / peer | build / cat | rebuild / build | build MB / floor MB | floor ms/episode | build ms/episode | build / (floor + write floor) | edit / build | add / build | remove / build | edit MB / floor MB |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${ratio_rows[@]}")

CPU time, less sensitive to other processes than wall time; "build cores" is build CPU s / build s.

| N | floor CPU s | peer CPU s | build CPU s | rebuild CPU s | build CPU / floor CPU | build cores | write floor CPU s | edit CPU s | add CPU s | remove CPU s |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${cpu_rows[@]}")

What each writes (the peer: one plain RSS file; podfeed build: every output of the design).

| N | peer MB | peer files | build MB | build files |
|---:|---:|---:|---:|---:|
$(printf '%s\n' "${out_rows[@]}")

Targets (issue 7, at N = 10,000): build / floor ≤ 0.8, build / peer ≤ 1, build MB / floor MB ≤ 1.2, rebuild / build ≤ 0.2.
Targets (issue 14, at N = 10,000): build / (floor + write floor) ≤ 1.0; edit / build, add / build and remove / build each ≤ 0.1;
rebuild / build ≤ 0.02; build MB / floor MB ≤ 1.5; edit MB / floor MB ≤ 0.5.
EOF
}
report | tee "$RESULTS"
echo "wrote $RESULTS" >&2
