#!/bin/sh
# bench/run.sh: the benchmark behind `make bench`.
#
#   bench/run.sh --bench BIN --portplan BIN --srcdir DIR [--work DIR]
#
# For each size (flows) it generates a synthetic catalog once
# (bench/gen-catalog.py; kept in WORK and regenerated when the generator
# changes), runs the in-process bench once per size in a fresh process
# (import with no cache, open with an up-to-date cache, resolve a plan that
# selects everything, Markdown and CSV export, peak RSS), drives the real
# TUI through tmux (bench/tui-time.py), and renders the same rules with
# capirca's aclgen.  Prints a table, one BENCH line per size, the growth
# ratios and the targets of issue 8, met or missed.
#
# Environment:
#   BENCH_SIZES          sizes in flows      (1000 10000 100000 1000000)
#   BENCH_RUNS           runs per figure     (5; the median is printed)
#   BENCH_TIMEOUT        seconds per phase   (300; a phase still running is
#                                             stopped and reported as such)
#   BENCH_CAPIRCA_SIZES  sizes for aclgen    (1000 10000 100000)
#   BENCH_TUI            0 skips the TUI figures
#   BENCH_REUSE          1 keeps the in-process figures of an earlier run
#                          (WORK/cat-N/result.txt) and redoes the rest
set -eu

BENCH=bench/bench
PORTPLAN=src/portplan
SRCDIR=.
WORK=bench-data
while [ $# -gt 0 ]; do
	case $1 in
	--bench) BENCH=$2; shift 2 ;;
	--portplan) PORTPLAN=$2; shift 2 ;;
	--srcdir) SRCDIR=$2; shift 2 ;;
	--work) WORK=$2; shift 2 ;;
	*) echo "usage: $0 --bench BIN --portplan BIN --srcdir DIR [--work DIR]" >&2; exit 2 ;;
	esac
done
SIZES=${BENCH_SIZES:-"1000 10000 100000 1000000"}
RUNS=${BENCH_RUNS:-5}
TIMEOUT=${BENCH_TIMEOUT:-300}
CAPIRCA_SIZES=${BENCH_CAPIRCA_SIZES:-"1000 10000 100000"}
TUI=${BENCH_TUI:-1}
REUSE=${BENCH_REUSE:-0}
PYTHON=${PYTHON:-python3}

abspath() { (cd "$1" && pwd); }
mkdir -p "$WORK"
WORK=$(abspath "$WORK")
SRCDIR=$(abspath "$SRCDIR")
case $BENCH in /*) ;; *) BENCH=$(pwd)/$BENCH ;; esac
case $PORTPLAN in /*) ;; *) PORTPLAN=$(pwd)/$PORTPLAN ;; esac
GEN=$SRCDIR/bench/gen-catalog.py
RESULTS=$WORK/results.txt
: >"$RESULTS"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.4f", b - a }'; }
# field KEY LINE: the value of KEY=... in LINE ("" when absent)
field() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "== machine"
echo "cpus: $(nproc), $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)"
echo "kernel: $(uname -sr); $(ldd --version 2>/dev/null | head -n 1)"
echo "libxml2 $(xmllint --version 2>&1 | sed -n 's/.*using libxml version //p' | head -n 1)," \
     "SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo '?')," \
     "tmux $(tmux -V 2>/dev/null | cut -d' ' -f2 || echo '-')," \
     "capirca $(dpkg-query -W -f '${Version}' python3-capirca 2>/dev/null || echo '-')"
echo "build: CFLAGS=${BENCH_CFLAGS:-?}"
case ${BENCH_CFLAGS:-} in *-fsanitize*|*-O0*) echo "WARNING: a sanitizer or -O0 build: the figures are not representative" ;; esac
echo "sizes: $SIZES; runs: $RUNS (median); per-phase time limit: ${TIMEOUT}s"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')" \
     "(other processes on the 2 cores disturb wall-clock figures; CPU times are printed too)"
echo

# ---- catalogs ------------------------------------------------------------
genstamp=$(cksum <"$GEN" | cut -d' ' -f1)
for n in $SIZES; do
	dir=$WORK/cat-$n
	if [ ! -f "$dir/stats.txt" ] || [ "$(cat "$dir/stamp" 2>/dev/null)" != "$genstamp" ]; then
		echo "== generating $n flows"
		t0=$(now)
		$PYTHON "$GEN" --flows "$n" --out "$dir"
		echo "$genstamp" >"$dir/stamp"
		echo "   generated in $(elapsed "$t0") s"
	fi
done

# ---- in-process figures, one fresh process per size ---------------------
for n in $SIZES; do
	dir=$WORK/cat-$n
	if [ "$REUSE" = 1 ] && [ -s "$dir/result.txt" ]; then
		echo "== bench $n flows: kept from an earlier run (BENCH_REUSE=1)"
		echo "   $(cat "$dir/result.txt")"
		continue
	fi
	runs=$RUNS
	iruns=$RUNS
	if [ "$n" -ge 1000000 ]; then runs=1; iruns=1;
	elif [ "$n" -ge 100000 ]; then iruns=3; fi
	echo "== bench $n flows (runs $runs, import runs $iruns)"
	rm -f "$dir/rules.tsv"
	line=$("$BENCH" --size "$n" --catalog "$dir/catalog" --plan "$dir/plan.args" \
		--work "$dir/work" --runs "$runs" --import-runs "$iruns" \
		--timeout "$TIMEOUT" --dump-rules "$dir/rules.tsv" | sed -n 's/^RESULT //p')
	bytes=$(sed -n 's/^bytes=//p' "$dir/stats.txt")
	line="$line catalog_mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')"
	echo "   $line"
	echo "$line" >"$dir/result.txt"
done

# ---- the TUI through tmux -----------------------------------------------
tui_line() {	# DATADIR CACHE: tui-time.py's line, or tui=missing
	if [ "$TUI" = 0 ]; then echo "tui=skipped reason=BENCH_TUI=0"; return; fi
	if ! command -v tmux >/dev/null 2>&1; then echo "tui=missing reason=no-tmux"; return; fi
	$PYTHON "$SRCDIR/bench/tui-time.py" --portplan "$PORTPLAN" --datadir "$1" \
		--cache "$2" --warm-timeout "$TIMEOUT" --timeout 120 2>/dev/null ||
		echo "tui=missing reason=driver-failed"
}
echo
echo "== TUI, bundled catalog (warm cache)"
bundled=$(tui_line "$SRCDIR/data" "$WORK/tui-bundled")
echo "   $bundled"
for n in $SIZES; do
	dir=$WORK/cat-$n
	case $bundled in tui=ok*) t=$(tui_line "$dir" "$dir/tui") ;; *) t=$bundled ;; esac
	echo "$t" >"$dir/tui.txt"
	[ "$bundled" = "$t" ] || echo "   $n flows: $t"
done

# ---- capirca --------------------------------------------------------------
echo
echo "== capirca (aclgen, juniper target), same rules as the portplan resolution"
ACLGEN=$(command -v aclgen || true)
run_cli() {	# DIR: portplan export of DIR's plan, the catalog of DIR only
	(d=$1
	 IFS='
'
	 set -f
	 # shellcheck disable=SC2046
	 set -- $(cat "$d/plan.args")
	 PORTPLAN_DATADIR=$d XDG_CACHE_HOME=$d/cli-cache XDG_DATA_HOME=$d/cli-data \
	 HOME=$d timeout "$TIMEOUT" "$PORTPLAN" export --format csv --force -o "$d/cli-out.csv" "$@") \
		>/dev/null 2>&1
}
if [ -z "$ACLGEN" ]; then
	echo "   aclgen not found (Debian: apt-get install python3-capirca): not measured"
fi
for n in $SIZES; do
	dir=$WORK/cat-$n
	echo "" >"$dir/capirca.txt"
	case " $CAPIRCA_SIZES " in *" $n "*) ;; *) continue ;; esac
	if [ -z "$ACLGEN" ] || [ ! -s "$dir/rules.tsv" ]; then continue; fi
	cap=$dir/capirca
	rm -rf "$cap"
	$PYTHON "$SRCDIR/bench/gen-capirca.py" --rules "$dir/rules.tsv" --out "$cap" >/dev/null
	r=$RUNS
	[ "$n" -ge 100000 ] && r=1
	times=""
	i=0
	ok=1
	while [ $i -lt "$r" ]; do
		rm -rf "$cap/out"; mkdir -p "$cap/out"
		t0=$(now)
		if ! timeout "$TIMEOUT" "$ACLGEN" --base_directory="$cap/policies" \
		     --definitions_directory="$cap/def" --output_directory="$cap/out" \
		     --max_renderers=1 >"$cap/aclgen.log" 2>&1; then
			ok=0; break
		fi
		times="$times $(elapsed "$t0")"
		i=$((i + 1))
	done
	res=$(cat "$dir/result.txt")
	rules=$(field rules "$res")
	[ -n "$(field resolve_s "$res")" ] || continue
	if [ $ok = 0 ]; then
		echo "capirca_s=failed" >"$dir/capirca.txt"
		echo "   $n flows: aclgen failed or took more than ${TIMEOUT}s (see $cap/aclgen.log)"
		continue
	fi
	# shellcheck disable=SC2086 # one time per word
	cs=$(printf '%s\n' $times | median)
	terms=$(grep -c '^term ' "$cap/policies/pol/bench.pol")
	pp=$(awk -v a="$(field open_s "$res")" -v b="$(field resolve_s "$res")" \
		-v c="$(field csv_s "$res")" 'BEGIN { printf "%.4f", a + b + c }')
	# the CLI end to end (a process, like aclgen): warm cache, the plan as
	# options; only while the plan fits on a command line
	cli=""
	if [ "$n" -le 100000 ] && run_cli "$dir"; then
		ctimes=""
		i=0
		while [ $i -lt "$r" ]; do
			t0=$(now)
			run_cli "$dir" || { ctimes=""; break; }
			ctimes="$ctimes $(elapsed "$t0")"
			i=$((i + 1))
		done
		# shellcheck disable=SC2086 # one time per word
		[ -n "$ctimes" ] && cli=$(printf '%s\n' $ctimes | median)
	fi
	ratio=$(awk -v a="$pp" -v b="$cs" 'BEGIN { printf "%.3f", a / b }')
	cline="capirca_s=$cs capirca_terms=$terms portplan_s=$pp ratio=$ratio"
	[ -n "$cli" ] && cline="$cline cli_s=$cli cli_ratio=$(awk -v a="$cli" -v b="$cs" 'BEGIN { printf "%.3f", a / b }')"
	echo "$cline" >"$dir/capirca.txt"
	echo "   $n flows: $rules rules, $terms terms: $cline"
done

# ---- report ---------------------------------------------------------------
val() {	# KEY LINE: value, "timeout" when the phase was stopped, "-" when absent
	v=$(field "$1" "$2")
	# a peak RSS of a stopped phase is a lower bound
	case $1 in
	rss_mb) [ -z "$(field use_timeout "$2")$(field import_timeout "$2")$(field open_timeout "$2")" ] ||
		v=">=$v" ;;
	use_rss_mb|resolve_rss_mb) [ -z "$(field use_timeout "$2")" ] || [ -z "$v" ] || v=">=$v" ;;
	esac
	if [ -n "$v" ]; then echo "$v"; return; fi
	case $1 in
	import_*|cache_mb) ph=import ;;
	open_*) ph=open ;;
	*) ph=use ;;
	esac
	if [ -n "$(field "${ph}_timeout" "$2")" ]; then echo "timeout"; else echo "-"; fi
}
ms() {	# seconds -> milliseconds, passing words through
	case $1 in ''|-|timeout|*[!0-9.]*) echo "${1:--}" ;; *) awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }' ;; esac
}
tval() {	# KEY TUI-LINE
	case $2 in
	tui=ok*) v=$(field "$1" "$2"); echo "${v:-n/a}" ;;
	tui=skipped*) echo "skipped" ;;
	*) echo "not-measured-yet" ;;
	esac
}

echo
echo "== results (median of the runs; times in ms; RSS = peak of the phase processes)"
printf '%9s %8s %10s %8s %10s %8s %8s %8s %7s %8s %12s %10s %10s\n' \
	flows rules import_ms open_ms resolve_ms md_ms csv_ms rss_MB xml_MB cache_MB tui_frame_ms tui_key_ms tui_sel_ms
for n in $SIZES; do
	dir=$WORK/cat-$n
	r=$(cat "$dir/result.txt")
	t=$(cat "$dir/tui.txt")
	printf '%9s %8s %10s %8s %10s %8s %8s %8s %7s %8s %12s %10s %10s\n' "$n" "$(val rules "$r")" \
		"$(ms "$(val import_s "$r")")" "$(ms "$(val open_s "$r")")" \
		"$(ms "$(val resolve_s "$r")")" "$(ms "$(val md_s "$r")")" \
		"$(ms "$(val csv_s "$r")")" "$(val rss_mb "$r")" "$(val catalog_mb "$r")" \
		"$(val cache_mb "$r")" "$(tval tui_first_frame_ms "$t")" "$(tval tui_key_ms "$t")" \
		"$(tval tui_toggle_ms "$t")"
done
echo "(tui_key: cursor Down/Up; tui_sel: Space, selecting or deselecting the product under the cursor)"
echo
echo "CPU time (user + system, ms; less disturbed by other processes): import / open / resolve / md / csv"
for n in $SIZES; do
	r=$(cat "$WORK/cat-$n/result.txt")
	echo "  $n: $(ms "$(val import_cpu_s "$r")") / $(ms "$(val open_cpu_s "$r")") /" \
	     "$(ms "$(val resolve_cpu_s "$r")") / $(ms "$(val md_cpu_s "$r")") / $(ms "$(val csv_cpu_s "$r")")"
done
echo
echo "peak RSS per phase (MB): import / open / resolve / resolve+export"
for n in $SIZES; do
	r=$(cat "$WORK/cat-$n/result.txt")
	echo "  $n: $(val import_rss_mb "$r") / $(val open_rss_mb "$r") / $(val resolve_rss_mb "$r") / $(val use_rss_mb "$r")"
done

echo
for n in $SIZES; do
	dir=$WORK/cat-$n
	r=$(cat "$dir/result.txt")
	t=$(cat "$dir/tui.txt")
	c=$(cat "$dir/capirca.txt")
	echo "BENCH size=$n rules=$(val rules "$r") import_s=$(val import_s "$r") open_s=$(val open_s "$r")" \
	     "resolve_s=$(val resolve_s "$r") md_s=$(val md_s "$r") csv_s=$(val csv_s "$r")" \
	     "rss_mb=$(val rss_mb "$r") import_rss_mb=$(val import_rss_mb "$r")" \
	     "resolve_rss_mb=$(val resolve_rss_mb "$r") use_rss_mb=$(val use_rss_mb "$r")" \
	     "catalog_mb=$(val catalog_mb "$r") tui_first_frame_ms=$(tval tui_first_frame_ms "$t")" \
	     "tui_key_ms=$(tval tui_key_ms "$t") tui_sel_ms=$(tval tui_toggle_ms "$t")" \
	     "capirca_s=$(field capirca_s "$c" | sed 's/^$/-/')" \
	     "capirca_ratio=$(field ratio "$c" | sed 's/^$/-/')"
done

echo
echo "== growth (time at the larger size / time at the smaller; 10x the flows: up to x12.5 counts as linear)"
growth() {	# KEY A B
	a=$(val "$1" "$(cat "$WORK/cat-$2/result.txt" 2>/dev/null || true)")
	b=$(val "$1" "$(cat "$WORK/cat-$3/result.txt" 2>/dev/null || true)")
	awk -v a="$a" -v b="$b" -v f="$(($3 / $2))" 'BEGIN {
		if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/) { printf "%s -> %s", a, b; exit }
		if (a == 0) { printf "n/a"; exit }
		r = b / a; printf "x%.1f (%s)", r, r <= f * 1.25 ? "linear" : "superlinear" }'
}
for key in import_s open_s resolve_s md_s csv_s rss_mb; do
	line="  $key:"
	prev=""
	for n in $SIZES; do
		[ "$n" -ge 10000 ] || continue
		[ -n "$prev" ] && line="$line ${prev}->${n} $(growth "$key" "$prev" "$n");"
		prev=$n
	done
	echo "$line"
done

echo
echo "== capirca ratio (portplan / capirca; below 1: portplan is faster)"
for n in $SIZES; do
	c=$(cat "$WORK/cat-$n/capirca.txt")
	[ -n "$c" ] || continue
	echo "  $n flows: $c"
done
[ -n "$ACLGEN" ] || echo "  not measured: aclgen is not installed"

echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo
echo "== targets (issue 8)"
target() {	# NAME VALUE LIMIT UNIT
	awk -v n="$1" -v v="$2" -v l="$3" -v u="$4" 'BEGIN {
		if (v !~ /^[0-9.]+$/) { printf "  %-44s %-7s (%s)\n", n, "MISSED", v == "" ? "not measured" : v; exit }
		printf "  %-44s %-7s %s %s (target < %s %s)\n", n, v + 0 < l + 0 ? "MET" : "MISSED", v, u, l, u }'
}
tmet() {	# NAME TUI-LINE KEY LIMIT
	case $2 in
	tui=ok*) target "$1" "$(field "$3" "$2")" "$4" ms ;;
	*) printf '  %-44s %s\n' "$1" "NOT MEASURED YET ($(printf '%s' "$2" | sed -n "s/.*reason=//p" | tr -d "'"))" ;;
	esac
}
tmet "bundled catalog: start to first TUI frame" "$bundled" tui_first_frame_ms 50
case " $SIZES " in *" 100000 "*)
	r=$(cat "$WORK/cat-100000/result.txt")
	target "100k flows: import" "$(ms "$(val import_s "$r")")" 1000 ms
	target "100k flows: resolve" "$(ms "$(val resolve_s "$r")")" 100 ms
	tmet "100k flows: key press redraw" "$(cat "$WORK/cat-100000/tui.txt")" tui_key_ms 5
	target "100k flows: peak RSS" "$(val rss_mb "$r")" 64 MB
	;;
esac
case " $SIZES " in *" 10000 "*" 1000000 "*)
	for key in import_s open_s resolve_s md_s csv_s; do
		g=$(growth "$key" 10000 1000000)
		case $g in *"(linear)"*) m=MET ;; *) m=MISSED ;; esac
		printf '  %-44s %-7s %s\n' "growth 10k->1M: $key" "$m" "$g (linear: x100)"
	done
	;;
esac
