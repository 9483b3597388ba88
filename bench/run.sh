#!/usr/bin/env bash
# bench/run.sh: maplint against the floors on a real large module.
#
# Fetches the corpus through the module proxy, builds the floors (load +
# type-check; + SSA) from bench/floors and maplint from this checkout, then runs floor and maplint alternately, RUNS times each, warm
# build cache, and prints medians of wall time and peak RSS with ratios.
#
#   bash bench/run.sh                      # nats-server, 3 rounds
#   RUNS=5 MODULE=github.com/hashicorp/raft@v1.8.0 bash bench/run.sh
#   VET=1 bash bench/run.sh                # also go vet -vettool vs go vet, empty GOCACHE
#   LEAF=cmd/x/main.go bash bench/run.sh   # the file the incremental rows edit (default: nats-server's main.go)
#
# The cold rows give maplint an empty result cache on every run (the
# floors have none). The warm rows run maplint and staticcheck again on
# unchanged code; the incremental rows after appending a comment to
# $LEAF, a file of a package nothing imports, each tool after the same
# edit (the edit is undone after each run).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
module=${MODULE:-github.com/nats-io/nats-server/v2@v2.15.2}
runs=${RUNS:-3}
pattern=${PATTERN:-./...}

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
bin=$work/bin
mkdir -p "$bin"

echo "building floors and maplint..." >&2
(cd "$root" && go build -o "$bin/" ./bench/floors/noop ./bench/floors/ssanoop && go build -o "$bin/maplint" ./cmd/maplint)

echo "fetching $module..." >&2
dir=$(go mod download -json "$module" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
corpus=$work/corpus
cp -r "$dir" "$corpus"
chmod -R u+w "$corpus"
(cd "$corpus" && go mod download && go build ./... >/dev/null)

echo "building staticcheck..." >&2
GOBIN=$bin go install honnef.co/go/tools/cmd/staticcheck@${STATICCHECK:-v0.8.2} # staticcheck 2026.2.2
leaf=${LEAF:-main.go}

# measure TOOL: prints "seconds kilobytes" of one run. Exit status 3
# (diagnostics reported) is a success for maplint.
measure() {
	local out=$work/time.out
	(cd "$corpus" && /usr/bin/time -f '%e %M' -o "$out" "$@" "$pattern" >/dev/null 2>&1) || true
	tail -n 1 "$out"
}

# cold TOOL: one run of maplint with an empty result cache (the floors
# ignore MAPLINT_CACHE).
cold() {
	local cache
	cache=$(mktemp -d)
	MAPLINT_CACHE=$cache measure "$@"
	rm -rf "$cache"
}

# edited TOOL: one run after appending a comment to $leaf, undone after.
edited() {
	cp "$corpus/$leaf" "$work/leaf.orig"
	printf '\n// edited %s\n' "$RANDOM$RANDOM" >>"$corpus/$leaf"
	measure "$@"
	cp "$work/leaf.orig" "$corpus/$leaf"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

tools=(noop ssanoop maplint)
declare -A secs kbs
cold "$bin/maplint" >/dev/null # warm the build cache and the export data
for ((i = 1; i <= runs; i++)); do
	for t in "${tools[@]}"; do
		read -r s k < <(cold "$bin/$t")
		secs[$t]+="$s "
		kbs[$t]+="$k "
		echo "round $i: $t ${s}s ${k}KB" >&2
	done
done

# Warm and incremental runs share one result cache per tool, each tool
# with its own: maplint's in $work/mlcache, staticcheck's in its default
# directory (which it trims itself).
export MAPLINT_CACHE=$work/mlcache
measure "$bin/maplint" >/dev/null
measure "$bin/staticcheck" >/dev/null
declare -A wsecs
for ((i = 1; i <= runs; i++)); do
	for t in maplint staticcheck; do
		read -r s _ < <(measure "$bin/$t")
		wsecs[$t warm]+="$s "
		read -r s _ < <(edited "$bin/$t")
		wsecs[$t edited]+="$s "
		measure "$bin/$t" >/dev/null # back to the unedited file's results
		echo "round $i: $t warm and edited done" >&2
	done
done
unset MAPLINT_CACHE

med() { tr ' ' '\n' <<<"$1" | grep . | median; }
printf '\n%s %s, %d rounds, medians, %s cores\n\n' "$module" "$pattern" "$runs" "$(nproc)"
printf '| %-26s | %8s | %10s | %12s | %11s |\n' run "wall (s)" "peak RSS" "wall / SSA" "RSS / SSA"
printf '|%s|%s|%s|%s|%s|\n' ---------------------------- ---------- ------------ -------------- -------------
ssa_s=$(med "${secs[ssanoop]}")
ssa_k=$(med "${kbs[ssanoop]}")
for t in "${tools[@]}"; do
	s=$(med "${secs[$t]}")
	k=$(med "${kbs[$t]}")
	awk -v t="$t" -v s="$s" -v k="$k" -v ss="$ssa_s" -v sk="$ssa_k" \
		'BEGIN { printf "| %-26s | %8.2f | %7.2f GB | %11.2fx | %10.2fx |\n", t, s, k/1048576, s/ss, k/sk }'
done

printf '\n| %-26s | %8s | %16s |\n' "warm run, $runs rounds" "wall (s)" "/ staticcheck"
printf '|%s|%s|%s|\n' ---------------------------- ---------- ------------------
for row in warm edited; do
	ms=$(med "${wsecs[maplint $row]}")
	ss=$(med "${wsecs[staticcheck $row]}")
	label="unchanged"
	[ $row = edited ] && label="after editing $leaf"
	awk -v l="maplint, $label" -v s="$ms" -v ss="$ss" 'BEGIN { printf "| %-26s | %8.2f | %15.2fx |\n", l, s, s/ss }'
	awk -v l="staticcheck, $label" -v s="$ss" 'BEGIN { printf "| %-26s | %8.2f | %16s |\n", l, s, "" }'
done

if [ "${VET:-0}" = 1 ]; then
	# go vet from an empty build cache, plain and with maplint as its vet
	# tool: the ratio is what adopting maplint under go vet costs.
	printf '\n| %-26s | %8s | %12s |\n' "go vet, empty GOCACHE" "wall (s)" "/ plain vet"
	printf '|%s|%s|%s|\n' ---------------------------- ---------- --------------
	plain=
	for v in plain maplint; do
		cache=$(mktemp -d)
		args=()
		[ $v = maplint ] && args=("-vettool=$bin/maplint")
		s=$(cd "$corpus" && GOCACHE=$cache /usr/bin/time -f '%e' go vet "${args[@]}" "$pattern" 2>&1 >/dev/null | tail -n 1) || true
		: "${plain:=$s}"
		awk -v v="go vet ${args[*]:+-vettool=maplint}" -v s="$s" -v p="$plain" \
			'BEGIN { printf "| %-26s | %8.2f | %11.2fx |\n", v, s, s/p }'
		chmod -R u+w "$cache"
		rm -rf "$cache"
	done
fi
