#!/usr/bin/env python3
"""gen-catalog.py: synthetic portplan catalogs with the shape of the real ones.

    bench/gen-catalog.py --flows 100000 --out DIR [--seed 1]

writes

    DIR/catalog/common.xml        zones and the shared endpoints
    DIR/catalog/products-NNNN.xml products (at most --per-file per file, a few MB)
    DIR/plan.args                 the plan that selects everything: every product
                                  and every feature that does not conflict within
                                  its group (one command-line argument a line:
                                  "--product ID", "--feature PRODUCT:ID")
    DIR/stats.txt                 what was generated (key=value lines)

The shape follows data/catalog/*.xml: products of about 50 flows, each with
services (kind="service", one on by default), plain features (one on by
default: "ssl"), two groups of alternatives, its server endpoint (the
product id) and a few endpoints of its own (one with FQDN patterns), flows
to and from the endpoints shared in common.xml, host-local flows,
conditions with negation, single ports, port lists, ranges and mixed lists,
tcp/udp/icmp/ESP(50)/AH(51), optional flows, inferred flows with a
<reason>, notes, appliance interfaces, gaps, and texts in en/de/fr (with
characters that exporters must escape).  Some openings repeat within a
product (the resolver merges them into one rule).

Deterministic: the same arguments give the same bytes.  Python 3 standard
library only.  Valid against data/catalog.xsd (check with
`xmllint --noout --schema data/catalog.xsd DIR/catalog/*.xml`).
"""

import argparse
import os
import random
import sys
from xml.sax.saxutils import escape, quoteattr

FLOWS_PER_PRODUCT = 50
GAPS_PER_PRODUCT = 4

ZONES = [
    ("internal", "Internal network", "Internes Netz", "Réseau interne"),
    ("dmz", "Perimeter network (DMZ)", "Perimeternetz (DMZ)", "Réseau périmétrique (DMZ)"),
    ("public", "Internet", "Internet", "Internet"),
    ("mgmt", "Management network", "Verwaltungsnetz", "Réseau d'administration"),
    ("partner", "Partner extranet", "Partner-Extranet", "Extranet partenaires"),
]

# Shared endpoints in the shape of common.xml (the real ones first).
SHARED_BASE = [
    ("ad", "internal", "Active Directory domain controller",
     "Active-Directory-Domänencontroller", "Contrôleur de domaine Active Directory"),
    ("dns", "internal", "DNS server", "DNS-Server", "Serveur DNS"),
    ("sql", "internal", "Microsoft SQL Server", "Microsoft SQL Server", "Microsoft SQL Server"),
    ("exchange", "internal", "Microsoft Exchange Server", "Microsoft Exchange Server",
     "Serveur Microsoft Exchange"),
    ("sharepoint", "internal", "Microsoft SharePoint server", "Microsoft-SharePoint-Server",
     "Serveur Microsoft SharePoint"),
    ("file-server", "internal", "File server (CIFS/SMB share)", "Dateiserver (CIFS/SMB-Freigabe)",
     "Serveur de fichiers (partage CIFS/SMB)"),
    ("admin", "mgmt", "Administrator workstation", "Administrator-Arbeitsplatz",
     "Poste d'administration"),
    ("internal-clients", "internal", "Users' computers on the internal network",
     "Benutzerrechner im internen Netz", "Postes des utilisateurs du réseau interne"),
    ("internet-clients", "public", "Clients on the Internet", "Clients im Internet",
     "Clients sur Internet"),
    ("ntp", "internal", "NTP server", "NTP-Server", "Serveur NTP"),
    ("smtp-relay", "dmz", "SMTP relay", "SMTP-Relay", "Relais SMTP"),
    ("syslog", "mgmt", "Syslog collector", "Syslog-Sammler", "Collecteur syslog"),
]
SHARED_KINDS = [
    ("app", "internal", "Application server %d", "Anwendungsserver %d", "Serveur d'applications %d"),
    ("db", "internal", "Database cluster %d", "Datenbank-Cluster %d", "Grappe de bases de données %d"),
    ("lb", "dmz", "Load balancer %d", "Lastverteiler %d", "Répartiteur de charge %d"),
    ("mon", "mgmt", "Monitoring probe %d", "Überwachungssonde %d", "Sonde de supervision %d"),
    ("saas", "public", "SaaS tenant %d", "SaaS-Mandant %d", "Locataire SaaS %d"),
    ("ext", "partner", "Partner gateway %d", "Partner-Gateway %d", "Passerelle partenaire %d"),
]

VENDORS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries",
           "Wayne Enterprises", "Müller & Söhne", "Société Générale d'Informatique",
           "Tyrell", "Cyberdyne", "Soylent"]
PRODUCT_KINDS = [
    ("Mail Gateway", "Mail-Gateway", "Passerelle de messagerie"),
    ("Directory Sync", "Verzeichnissynchronisation", "Synchronisation d'annuaire"),
    ("Backup Server", "Sicherungsserver", "Serveur de sauvegarde"),
    ("VPN Concentrator", "VPN-Konzentrator", "Concentrateur VPN"),
    ("Endpoint Manager", "Endgeräteverwaltung", "Gestionnaire de terminaux"),
    ("Web Proxy", "Web-Proxy", "Proxy web"),
    ("Collaboration Suite", "Kollaborationsplattform", "Suite collaborative"),
    ("SIEM Collector", "SIEM-Kollektor", "Collecteur SIEM"),
]

# (feature id, kind, default, group, en, de, fr)
FEATURES = [
    ("core", "service", True, None, "Core platform", "Basisplattform", "Plate-forme de base"),
    ("svc-mail", "service", False, None, "Mail service", "Maildienst", "Service de messagerie"),
    ("svc-web", "service", False, None, "Web console", "Webkonsole", "Console web"),
    ("ssl", "feature", True, None, "Use the SSL/TLS ports", "SSL/TLS-Ports verwenden",
     "Utiliser les ports SSL/TLS"),
    ("ed-std", "feature", True, "edition", "Standard edition", "Standard-Edition",
     "Édition standard"),
    ("ed-ent", "feature", False, "edition", "Enterprise edition", "Enterprise-Edition",
     "Édition entreprise"),
    ("ed-cloud", "feature", False, "edition", "Cloud edition", "Cloud-Edition", "Édition cloud"),
    ("db-mssql", "feature", False, "database", "Database on SQL Server",
     "Datenbank auf SQL Server", "Base de données sur SQL Server"),
    ("db-pg", "feature", False, "database", "Database on PostgreSQL",
     "Datenbank auf PostgreSQL", "Base de données sur PostgreSQL"),
    ("cluster", "feature", False, None, "Cluster (several nodes)", "Cluster (mehrere Knoten)",
     "Cluster (plusieurs nœuds)"),
    ("dyn-ports", "feature", False, None, "Dynamic RPC ports", "Dynamische RPC-Ports",
     "Ports RPC dynamiques"),
    ("legacy", "feature", False, None, "Legacy clients (plain ports)",
     "Alt-Clients (Klartext-Ports)", "Clients historiques (ports en clair)"),
    ("audit", "feature", False, None, "Audit log forwarding", "Audit-Log-Weiterleitung",
     "Transfert du journal d'audit"),
]


def plan_features():
    """Every feature but the second and later alternatives of each group."""
    seen = set()
    out = []
    for fid, _kind, _dflt, grp, *_ in FEATURES:
        if grp is not None:
            if grp in seen:
                continue
            seen.add(grp)
        out.append(fid)
    return out


# (weight, condition); service conditions get a service substituted for {s}
CONDITIONS = [
    (18, ""),
    (30, "{s}"),
    (12, "{s} & ssl"),
    (8, "{s} & !ssl"),
    (5, "{s} & !legacy"),
    (4, "ed-ent"),
    (3, "ed-cloud & {s}"),
    (5, "db-mssql"),
    (3, "db-pg"),
    (4, "cluster & {s}"),
    (4, "dyn-ports"),
    (2, "audit & !ed-cloud"),
    (2, "legacy & !ssl"),
]
SERVICES = ["core", "svc-mail", "svc-web"]

PROTOS = [(72, "tcp"), (15, "udp"), (5, "icmp"), (5, "50"), (3, "51")]
WELL_KNOWN = [22, 25, 53, 80, 88, 123, 135, 389, 443, 445, 464, 514, 587, 636,
              993, 1433, 1434, 3268, 3269, 3389, 5060, 5222, 5269, 5432, 5671,
              6379, 8080, 8082, 8443, 9443, 17080, 17433, 61616, 61617]

PURPOSES = [
    ("To connect to {peer}.", "Verbindung zu {peer}.", "Connexion vers {peer}."),
    ("{peer} reaches the {what} of the server.", "{peer} erreicht den Dienst „{what}“ des Servers.",
     "{peer} joint le service « {what} » du serveur."),
    ("Replication & health checks with {peer}.", "Replikation & Zustandsprüfung mit {peer}.",
     "Réplication & contrôles de santé avec {peer}."),
    ("Sends {what} events to {peer} (batch | stream).",
     "Sendet {what}-Ereignisse an {peer} (Batch | Stream).",
     "Envoie les événements {what} vers {peer} (lot | flux)."),
    ("Host-local {what} listener; used by the \"agent\" only.",
     "Hostlokaler {what}-Listener; nur vom „Agenten“ genutzt.",
     "Écouteur {what} local à l'hôte ; utilisé uniquement par « l'agent »."),
]
WHATS = ["LDAP", "HTTPS", "SMTP", "RPC", "SQL", "syslog", "SNMP", "REST API", "XMPP",
         "Kerberos", "ActiveMQ", "Redis", "WebSocket"]
REASONS = (
    "The document gives no protocol for row {row}; {what} runs over {proto}.",
    "Das Dokument nennt für Zeile {row} kein Protokoll; {what} läuft über {proto}.",
    "Le document n'indique pas de protocole pour la ligne {row} ; {what} fonctionne sur {proto}.",
)
NOTES = (
    "If you changed the default port, open that port instead (see section {row}).",
    "Wenn Sie den Standardport geändert haben, stattdessen diesen freigeben (siehe Abschnitt {row}).",
    "Si vous avez changé le port par défaut, ouvrez plutôt celui-ci (voir la section {row}).",
)
GAPS = [
    ("", "The list of destinations in row {row} is cut off; ask the vendor.",
     "Die Zielliste in Zeile {row} ist abgeschnitten; beim Hersteller erfragen.",
     "La liste des destinations de la ligne {row} est tronquée ; demander à l'éditeur."),
    ("svc-mail", "No ports are given for the mail relay; no rules are generated.",
     "Für das Mail-Relay sind keine Ports angegeben; es werden keine Regeln erzeugt.",
     "Aucun port n'est donné pour le relais de messagerie ; aucune règle n'est générée."),
    ("cluster & !ssl", "The cluster ports without SSL are not documented.",
     "Die Cluster-Ports ohne SSL sind nicht dokumentiert.",
     "Les ports du cluster sans SSL ne sont pas documentés."),
    ("ed-cloud", "The cloud host names are not listed.",
     "Die Cloud-Hostnamen sind nicht aufgeführt.",
     "Les noms d'hôte du cloud ne sont pas listés."),
]


def weighted(rng, table):
    total = sum(w for w, _ in table)
    x = rng.randrange(total)
    for w, v in table:
        if x < w:
            return v
        x -= w
    return table[-1][1]


LANGS = ("en", "de", "fr")     # --langs: which translations are written


def texts(tag, en, de, fr, indent):
    pad = " " * indent
    out = f"{pad}<{tag}>{escape(en)}</{tag}>\n"
    if "de" in LANGS:
        out += f"{pad}<{tag} lang=\"de\">{escape(de)}</{tag}>\n"
    if "fr" in LANGS:
        out += f"{pad}<{tag} lang=\"fr\">{escape(fr)}</{tag}>\n"
    return out


def ports_for(rng):
    k = rng.randrange(100)
    if k < 65:
        return str(rng.choice(WELL_KNOWN) if rng.randrange(3) else rng.randrange(1024, 65000))
    if k < 80:
        a = rng.sample(WELL_KNOWN, rng.choice((2, 3)))
        return ",".join(str(p) for p in a)
    if k < 90:
        lo = rng.randrange(1024, 60000)
        return f"{lo}-{lo + rng.randrange(1, 2000)}"
    lo = rng.randrange(9500, 9800)
    return f"{rng.choice(WELL_KNOWN)},{lo},{lo + 100}-{lo + 115}"


class Shared:
    def __init__(self, n_products):
        self.items = list(SHARED_BASE)
        extra = max(20, n_products // 4)
        for i in range(extra):
            kind, zone, en, de, fr = SHARED_KINDS[i % len(SHARED_KINDS)]
            num = i // len(SHARED_KINDS) + 1
            self.items.append((f"{kind}-{num:05d}", zone, en % num, de % num, fr % num))
        self.ids = [e[0] for e in self.items]

    def xml(self):
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
               "<!-- Synthetic catalog (bench/gen-catalog.py): zones and shared endpoints. -->\n",
               '<catalog format="1">\n']
        for zid, en, de, fr in ZONES:
            out.append(f'  <zone id="{zid}">\n')
            out.append(texts("label", en, de, fr, 4))
            out.append("  </zone>\n")
        for eid, zone, en, de, fr in self.items:
            out.append(f'  <endpoint id="{eid}" zone="{zone}">\n')
            out.append(texts("label", en, de, fr, 4))
            if zone == "public":
                out.append(f"    <fqdn>*.{eid}.example.net</fqdn>\n")
            out.append("  </endpoint>\n")
        out.append("</catalog>\n")
        return "".join(out)


def product_xml(rng, pid, num, nflows, shared, stats):
    vendor = VENDORS[num % len(VENDORS)]
    kind = PRODUCT_KINDS[num % len(PRODUCT_KINDS)]
    label = (f"{vendor} {kind[0]} {num}", f"{vendor} {kind[1]} {num}", f"{vendor} {kind[2]} {num}")
    o = []
    a = o.append
    a(f'  <product id="{pid}" vendor={quoteattr(vendor)}>\n')
    a(texts("label", *label, 4))
    a(texts("description",
            f"Synthetic product {num}: ports of the {kind[0].lower()} & its agents.",
            f"Synthetisches Produkt {num}: Ports von {kind[1]} & seinen Agenten.",
            f"Produit synthétique {num} : ports de « {kind[2]} » & de ses agents.", 4))
    for fid, fkind, dflt, grp, en, de, fr in FEATURES:
        attrs = f'id="{fid}"'
        if fkind != "feature":
            attrs += f' kind="{fkind}"'
        if dflt:
            attrs += ' default="true"'
        if grp:
            attrs += f' group="{grp}"'
        a(f"    <feature {attrs}>\n")
        a(texts("label", en, de, fr, 6))
        a(texts("help", f"Turns on the {en.lower()} flows of {label[0]}.",
                f"Schaltet die Verbindungen „{de}“ von {label[1]} ein.",
                f"Active les flux « {fr} » de {label[2]}.", 6))
        a("    </feature>\n")
        stats["features"] += 1
    own = [
        (pid, "internal", ("%s server", "%s-Server", "Serveur %s"), None),
        (f"{pid}-peer", "internal", ("Other %s node", "Weiterer %s-Knoten", "Autre nœud %s"), None),
        (f"{pid}-proxy", "dmz", ("%s reverse proxy", "%s-Reverse-Proxy", "Proxy inverse %s"), None),
        (f"{pid}-agent", "internal", ("%s agents", "%s-Agenten", "Agents %s"), None),
        (f"{pid}-cloud", "public", ("%s cloud service", "%s-Clouddienst", "Service cloud %s"),
         [f"*.{pid}.example.com", f"api.{pid}.example.com"]),
    ]
    for eid, zone, (en, de, fr), fqdns in own:
        a(f'    <endpoint id="{eid}" zone="{zone}">\n')
        a(texts("label", en % label[0], de % label[1], fr % label[2], 6))
        for f in fqdns or ():
            a(f"      <fqdn>{f}</fqdn>\n")
        a("    </endpoint>\n")
        stats["endpoints"] += 1
    own_ids = [e[0] for e in own[1:]]
    # a window of shared endpoints this product talks to (products overlap)
    base = rng.randrange(len(shared.ids))
    peers = [shared.ids[(base + k * 7) % len(shared.ids)] for k in range(8)] + shared.ids[:4]
    prev = None
    for i in range(nflows):
        row = i + 1
        if prev is not None and rng.randrange(100) < 6:
            src, dst, proto, ports = prev          # same opening, another origin
            stats["repeats"] += 1
        else:
            d = rng.randrange(100)
            if d < 40:
                src, dst = pid, rng.choice(peers)
            elif d < 60:
                src, dst = rng.choice(peers), pid
            elif d < 75:
                src, dst = pid, rng.choice(own_ids)
            elif d < 90:
                src, dst = rng.choice(own_ids), pid
            else:
                src = dst = pid
            proto = weighted(rng, PROTOS)
            ports = ports_for(rng) if proto in ("tcp", "udp") else None
        prev = (src, dst, proto, ports)
        cond = weighted(rng, CONDITIONS).replace("{s}", rng.choice(SERVICES))
        inferred = rng.randrange(100) < 20
        attrs = [f'id="f{row:03d}"', f'from="{src}"', f'to="{dst}"', f'proto="{proto}"']
        if ports:
            attrs.append(f'ports="{ports}"')
        if cond:
            attrs.append(f"when={quoteattr(cond)}")
        if rng.randrange(100) < 10:
            attrs.append('required="false"')
        attrs.append(f'doc="{pid}-install-guide.pdf"')
        attrs.append(f'section="Port requirements, table {1 + i // 20}, row {row}"')
        if rng.randrange(100) < 5:
            attrs.append('interfaces="C P1 P2" preferred-interface="P1"')
        if inferred:
            attrs.append('provenance="inferred"')
            stats["inferred"] += 1
        if "!" in cond:
            stats["negated"] += 1
        if proto in ("tcp", "udp") and ("-" in ports or "," in ports):
            stats["port_lists_ranges"] += 1
        stats["proto_" + proto] += 1
        a(f"    <flow {' '.join(attrs)}>\n")
        peer = dst if src == pid else src
        what = rng.choice(WHATS)
        t = rng.choice(PURPOSES)
        a(texts("purpose", t[0].format(peer=peer, what=what), t[1].format(peer=peer, what=what),
                t[2].format(peer=peer, what=what), 6))
        if inferred:
            pname = "TCP" if proto == "tcp" else "UDP" if proto == "udp" else f"IP protocol {proto}"
            a(texts("reason", *(r.format(row=row, what=what, proto=pname) for r in REASONS), 6))
        if rng.randrange(100) < 10:
            a(texts("note", *(n.format(row=row) for n in NOTES), 6))
        a("    </flow>\n")
        stats["flows"] += 1
    for g in range(GAPS_PER_PRODUCT):
        cond, en, de, fr = GAPS[g % len(GAPS)]
        row = rng.randrange(1, nflows + 1)
        when = f" when={quoteattr(cond)}" if cond else ""
        a(f'    <gap id="g{g + 1}"{when} doc="{pid}-install-guide.pdf" section="Port requirements, row {row}">\n')
        a(texts("text", en.format(row=row), de.format(row=row), fr.format(row=row), 6))
        a("    </gap>\n")
        stats["gaps"] += 1
    a("  </product>\n")
    stats["products"] += 1
    return "".join(o)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--flows", type=int, required=True, help="number of flows (total)")
    ap.add_argument("--out", required=True, help="output directory (created)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-file", type=int, default=100,
                    help="products per file (100 products is about 3.8 MB)")
    ap.add_argument("--langs", default="en,de,fr",
                    help="translations written besides English (en,de,fr; en alone "
                         "gives about a third of the bytes)")
    args = ap.parse_args()
    global LANGS
    LANGS = tuple(args.langs.split(","))
    if args.flows < FLOWS_PER_PRODUCT:
        sys.exit("gen-catalog: --flows must be at least %d" % FLOWS_PER_PRODUCT)

    rng = random.Random(args.seed)
    nproducts = (args.flows + FLOWS_PER_PRODUCT - 1) // FLOWS_PER_PRODUCT
    catdir = os.path.join(args.out, "catalog")
    os.makedirs(catdir, exist_ok=True)
    for name in os.listdir(catdir):
        if name.endswith(".xml"):
            os.unlink(os.path.join(catdir, name))
    stats = {k: 0 for k in ("products", "features", "endpoints", "flows", "gaps", "inferred",
                            "negated", "repeats", "port_lists_ranges", "proto_tcp",
                            "proto_udp", "proto_icmp", "proto_50", "proto_51")}
    shared = Shared(nproducts)
    with open(os.path.join(catdir, "common.xml"), "w", encoding="utf-8") as f:
        f.write(shared.xml())
    stats["shared_endpoints"] = len(shared.items)
    stats["endpoints"] += len(shared.items)

    pids = [f"prod-{i:06d}" for i in range(1, nproducts + 1)]
    left = args.flows
    biggest = 0
    nfiles = 0
    for start in range(0, nproducts, args.per_file):
        chunk = []
        for k in range(start, min(start + args.per_file, nproducts)):
            n = FLOWS_PER_PRODUCT if k < nproducts - 1 else left
            left -= n
            chunk.append(product_xml(rng, pids[k], k + 1, n, shared, stats))
        data = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                "<!-- Synthetic catalog (bench/gen-catalog.py) -->\n"
                '<catalog format="1">\n' + "".join(chunk) + "</catalog>\n").encode("utf-8")
        path = os.path.join(catdir, f"products-{nfiles:04d}.xml")
        with open(path, "wb") as f:
            f.write(data)
        biggest = max(biggest, len(data))
        nfiles += 1
    assert left == 0, left

    with open(os.path.join(args.out, "plan.args"), "w", encoding="utf-8") as f:
        feats = plan_features()
        for pid in pids:
            f.write(f"--product\n{pid}\n")
        for pid in pids:
            for fid in feats:
                f.write(f"--feature\n{pid}:{fid}\n")
    total = sum(os.path.getsize(os.path.join(catdir, n)) for n in os.listdir(catdir))
    stats["files"] = nfiles + 1
    stats["bytes"] = total
    stats["largest_file_bytes"] = biggest
    stats["plan_products"] = nproducts
    stats["plan_features"] = nproducts * len(plan_features())
    with open(os.path.join(args.out, "stats.txt"), "w", encoding="utf-8") as f:
        for k, v in stats.items():
            f.write(f"{k}={v}\n")
    print(f"gen-catalog: {stats['flows']} flows, {nproducts} products, {stats['files']} files, "
          f"{total / 1e6:.1f} MB (largest {biggest / 1e6:.2f} MB) in {catdir}")


if __name__ == "__main__":
    main()
