#!/bin/sh
# What a site says about its network (issue 13) and about its rules
# (issue 14), on the command line: scoped peers, interfaces, subnets,
# "any", shared hosts and port conflicts, firewalls, removing choices, the
# options, stable ids and the rules' lifecycle; each with its bad inputs.
. "$(dirname "$0")/lib.sh"

# csv ARGS...: the export's CSV (every section) on stdout
csv() {
	"$PORTPLAN" export "$@" --format csv 2>"$T/err"
}

# ---- per-product instances of a shared peer ------------------------------
csv -p bems -p forcepoint --place bems=dmz --address bems:sql=198.51.100.7 \
	--address forcepoint:sql=198.51.100.8 >"$T/scoped.csv"
expect_grep '"bems","BEMS server","[^"]*","internal","sql","Microsoft SQL Server \(for bems\)","198\.51\.100\.7"' \
	"$T/scoped.csv" "BEMS reaches its own SQL server"
expect_grep '"forcepoint","[^"]*","[^"]*","internal","sql","Microsoft SQL Server \(for forcepoint\)","198\.51\.100\.8"' \
	"$T/scoped.csv" "Forcepoint reaches its own"
expect_no_grep '"bems","BEMS server","[^"]*","internal","sql","[^"]*","198\.51\.100\.8"' "$T/scoped.csv" \
	"BEMS gets no rule to Forcepoint's SQL server"
# an unscoped address applies to every product, a scoped one overrides it
csv -p bems -p forcepoint --address sql=198.51.100.9 --address forcepoint:sql=198.51.100.8 \
	>"$T/override.csv"
expect_grep '"bems","BEMS server","[^"]*","internal","sql","Microsoft SQL Server","198\.51\.100\.9"' \
	"$T/override.csv" "the unscoped address for BEMS"
expect_no_grep '"forcepoint",.*"sql","[^"]*","198\.51\.100\.9"' "$T/override.csv" \
	"Forcepoint's own address overrides it"
expect_exit 1 "an unknown product in a scope" -- "$PORTPLAN" export -p bems --address nope:sql=198.51.100.7
expect_grep 'nope:sql: unknown product "nope"' "$T/err" "names the scope"
expect_exit 1 "a product that does not use the endpoint" -- "$PORTPLAN" export -p bems \
	--address bluemind:sql=198.51.100.7
expect_grep 'product "bluemind" has no flow to or from endpoint "sql"' "$T/err" "says so"
expect_exit 1 "a scoped placement in an unknown zone" -- "$PORTPLAN" export -p bems --place bems:sql=mars
expect_grep 'unknown zone "mars"' "$T/err" "names the zone"

# ---- appliance interfaces ----------------------------------------------
csv -p forcepoint --address forcepoint/C=192.0.2.30 --address forcepoint/P1=192.0.2.31 >"$T/if.csv"
expect_grep '"forcepoint","Forcepoint Email Security appliance","192\.0\.2\.30","tcp","6671"' \
	"$T/if.csv" "the management rule uses interface C (recommended)"
expect_grep '"forcepoint","Forcepoint Email Security appliance","192\.0\.2\.31","internal","dns"' "$T/if.csv" \
	"a P1 flow uses P1's address"
expect_exit 1 "an interface the endpoint does not have" -- "$PORTPLAN" export -p forcepoint \
	--address forcepoint/P9=192.0.2.9
expect_grep 'endpoint "forcepoint" has no interface "P9" \(its flows name: C, P1, P2\)' "$T/err" \
	"lists the interfaces it has"
expect_exit 2 "an interface cannot be placed" -- "$PORTPLAN" export -p forcepoint --place forcepoint/C=dmz

# ---- subnets and addresses --------------------------------------------
expect_exit 1 "a subnet that is not a network" -- "$PORTPLAN" export -p bems --subnet dmz=192.0.2.7
expect_grep '"192\.0\.2\.7" is not a network' "$T/err" "says how to write one"
expect_exit 1 "a subnet with host bits" -- "$PORTPLAN" export -p bems --subnet dmz=10.1.2.3/16
expect_grep 'did you mean 10\.1\.0\.0/16\?' "$T/err" "suggests the network"
expect_exit 1 "an address outside its zone" -- "$PORTPLAN" export -p bems --place bems=dmz \
	--subnet dmz=192.0.2.0/24 --address bems=198.51.100.5
expect_grep 'Endpoint "bems" has address 198\.51\.100\.5, which is outside every subnet of its zone "dmz" \(192\.0\.2\.0/24\)' \
	"$T/err" "names the endpoint, the address and the zone"
expect_exit 0 "an address inside" -- "$PORTPLAN" export -p bems --place bems=dmz \
	--subnet dmz=192.0.2.0/24 --address bems=192.0.2.5 -o "$T/in.md"
# a plan file with an address outside (edited by hand): check, export, save refuse
"$PORTPLAN" save -p bems --place bems=dmz --address bems=198.51.100.5 -o "$T/outside.portplan" 2>"$T/err"
sed 's#</plan>#  <subnet zone="dmz" cidr="192.0.2.0/24"/>\n</plan>#' "$T/outside.portplan" >"$T/outside2.portplan"
expect_exit 1 "check of a plan with an address outside its zone" -- "$PORTPLAN" check "$T/outside2.portplan"
expect_grep 'outside every subnet of its zone "dmz"' "$T/err" "check says why"
expect_exit 1 "export of it" -- "$PORTPLAN" export "$T/outside2.portplan" -o "$T/outside.md"
[ ! -e "$T/outside.md" ] && pass "nothing exported" || fail "a document was written"
expect_exit 1 "a CIDR address with host bits" -- "$PORTPLAN" export -p bems --address ad=10.1.2.3/16
expect_grep 'did you mean 10\.1\.0\.0/16\?' "$T/err" "suggests the network"

# ---- any, host names ---------------------------------------------------
csv -p bems --place bb-proxy=public --address bb-proxy=any >"$T/any.csv"
expect_grep '"bb-proxy","BlackBerry Proxy server \(all instances\)","any"' "$T/any.csv" \
	"\"any\" is written as any"
"$PORTPLAN" export -p bems --place bb-proxy=public --address bb-proxy=any --format md \
	-o "$T/any.md" 2>"$T/err"
expect_grep 'any' "$T/any.md" "and in the document"

# ---- removing choices --------------------------------------------------
"$PORTPLAN" save -p bems --place bems=dmz --address ad=10.0.0.5 --address ad=10.0.0.6 \
	-o "$T/rm.portplan" 2>"$T/err"
"$PORTPLAN" save "$T/rm.portplan" --no-place bems --no-address ad=10.0.0.5 -o "$T/rm2.portplan" 2>"$T/err" ||
	fail "--no-place/--no-address: $(cat "$T/err")"
expect_no_grep 'zone="dmz"' "$T/rm2.portplan" "--no-place takes the placement back"
expect_no_grep '10\.0\.0\.5' "$T/rm2.portplan" "--no-address removes the address"
expect_grep '10\.0\.0\.6' "$T/rm2.portplan" "and keeps the other"
"$PORTPLAN" save "$T/rm2.portplan" --no-address ad -o "$T/rm3.portplan" 2>"$T/err"
expect_no_grep '10\.0\.0\.6' "$T/rm3.portplan" "--no-address ENDPOINT removes them all"
expect_exit 1 "--no-place of an unknown endpoint" -- "$PORTPLAN" save -p bems --no-place nope -o "$T/x.portplan"

# ---- shared hosts: one rule, and port conflicts -------------------------
# AD and DNS on one domain controller: BEMS's rules to both merge where
# the openings are the same (none are: different ports), Forcepoint's DNS
# stays its own rule; BlueMind and BEMS Connect on one server need 8082
csv -p bluemind -p bems -f connect --address bluemind=192.0.2.40 --address bems=192.0.2.40 \
	>"$T/host.csv"
expect_exit 1 "check of a plan with a port conflict" -- sh -c \
	"'$PORTPLAN' save -p bluemind -p bems -f connect --address bluemind=192.0.2.40 --address bems=192.0.2.40 -o '$T/conflict.portplan' 2>/dev/null; '$PORTPLAN' check '$T/conflict.portplan'"
expect_grep 'Port conflict on host 192\.0\.2\.40: tcp/8082 is needed by' "$T/err" \
	"names the host and the port"
expect_grep '\(bluemind/[^)]*\)' "$T/err" "and BlueMind's flow"
expect_grep '\(bems/[^)]*\)' "$T/err" "and BEMS's flow"
"$PORTPLAN" export "$T/conflict.portplan" --format md -o "$T/conflict.md" 2>"$T/err" ||
	fail "export of a plan with a conflict: $(cat "$T/err")"
expect_grep 'Port conflict on host 192\.0\.2\.40' "$T/conflict.md" "the document lists the conflict"
# identical openings between the same addresses are one rule
"$PORTPLAN" export -p bems -p forcepoint --place bems=dmz --place forcepoint=dmz \
	--address bems=192.0.2.10 --address forcepoint=192.0.2.10 --address dns=10.0.0.53 \
	--address ad=10.0.0.53 --format csv >"$T/merge.csv" 2>"$T/err"
n=$(grep -c '"192\.0\.2\.10","internal","[^"]*","[^"]*","10\.0\.0\.53","udp","53"' "$T/merge.csv")
[ "$n" = 1 ] && pass "one rule for one opening between two hosts" ||
	fail "$n rules for udp/53 from 192.0.2.10 to 10.0.0.53: $(grep '"53"' "$T/merge.csv" | head -3)"

# ---- firewalls ---------------------------------------------------------
"$PORTPLAN" export -p bems --place bems=dmz --place bb-proxy=public \
	--firewall fw-ext=public,dmz --firewall fw-int=dmz,internal --format md \
	-o "$T/fw.md" 2>"$T/err" || fail "export with firewalls: $(cat "$T/err")"
expect_no_grep 'No firewall of the plan joins' "$T/fw.md" "every boundary has a firewall"
"$PORTPLAN" export -p bems --place bb-proxy=public --firewall fw-ext=public,dmz --format md \
	-o "$T/fw2.md" 2>"$T/err"
expect_grep 'No firewall of the plan joins zone "public" to zone "internal"' "$T/err" \
	"an unreachable zone pair is told, with the zones"
expect_exit 1 "a firewall with one zone" -- "$PORTPLAN" export -p bems --firewall fw=dmz
expect_grep 'a firewall joins at least two zones' "$T/err" "says why"
expect_exit 1 "a firewall with an unknown zone" -- "$PORTPLAN" export -p bems --firewall fw=dmz,mars
expect_grep 'unknown zone "mars"' "$T/err" "names the zone"
expect_exit 1 "an invalid firewall id" -- "$PORTPLAN" export -p bems --firewall "FW 1=dmz,internal"

# ---- stable ids and the rules' lifecycle -------------------------------
"$PORTPLAN" save -p bems --place bems=dmz -o "$T/ids1.portplan" 2>"$T/err"
expect_grep '<rule id="R001" key="' "$T/ids1.portplan" "save records the ids"
id=$(sed -n 's/.*<rule id="\(R[0-9]*\)" key="bems@dmz&gt;sql@internal 6 1433".*/\1/p' "$T/ids1.portplan")
[ -n "$id" ] && pass "BEMS -> SQL 1433 has id $id" || fail "no id for BEMS -> SQL 1433"
"$PORTPLAN" save "$T/ids1.portplan" -f docs -f cifs -o "$T/ids2.portplan" 2>"$T/err" ||
	fail "add features: $(cat "$T/err")"
expect_grep "<rule id=\"$id\" key=\"bems@dmz&gt;sql@internal 6 1433\"" "$T/ids2.portplan" \
	"adding features keeps the id"
"$PORTPLAN" export "$T/ids2.portplan" --format csv >"$T/ids2.csv" 2>"$T/err"
expect_grep "^\"$id\",.*\"sql\",.*\"1433\"" "$T/ids2.csv" "the export shows the same id"
"$PORTPLAN" save "$T/ids2.portplan" --rule-owner "$id=DBA team" --rule-expiry "$id=2027-01-31" \
	--exclude R001="not this year" -o "$T/ids3.portplan" 2>"$T/err" || fail "rule options: $(cat "$T/err")"
expect_grep "<rule id=\"$id\" [^>]*owner=\"DBA team\"" "$T/ids3.portplan" "the rule's owner is saved"
expect_grep '<rule id="R001" [^>]*excluded="not this year"' "$T/ids3.portplan" "the exclusion is saved"
expect_exit 1 "an unknown rule id" -- "$PORTPLAN" save "$T/ids3.portplan" --rule-owner R999=x -o "$T/x.portplan"
expect_grep 'no rule "R999" in this plan' "$T/err" "names the id"
expect_exit 1 "a rule expiry that is not a date" -- "$PORTPLAN" save "$T/ids3.portplan" \
	--rule-expiry "$id=soon" -o "$T/x.portplan"
"$PORTPLAN" save "$T/ids3.portplan" --include R001 -o "$T/ids4.portplan" 2>"$T/err"
expect_no_grep 'excluded=' "$T/ids4.portplan" "--include takes it back"

# ---- options -----------------------------------------------------------
n1=$(csv -p mis | grep -c '"ad",')
n2=$(csv -p mis --group-ports | grep -c '"ad",')
[ "$n2" -lt "$n1" ] && pass "--group-ports: MIS -> AD in $n2 rules instead of $n1" ||
	fail "--group-ports did not group ($n1 -> $n2)"
"$PORTPLAN" save -p mis --group-ports -o "$T/group.portplan" 2>"$T/err"
expect_grep '<options group-ports="true"/>' "$T/group.portplan" "the plan remembers grouping"
finish
