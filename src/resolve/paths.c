/* paths.c: the firewalls on each rule's path.
 *
 * The plan's firewalls and zones form a graph: a firewall joins each of
 * its zones.  A rule crossing from zone A to zone B passes the firewalls
 * of the shortest path from A to B (fewest firewalls); each of them must
 * let it through.  When two shortest paths pass different firewalls, or
 * no path joins the zones, the approver is told which zones (the first
 * path by firewall id is used; an unreachable rule gets no firewall).
 * Without firewalls in the plan every boundary is its own implicit
 * firewall and nothing is assigned. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "resolve/internal.h"
#include "util/i18n.h"
#include "util/pool.h"

/* The graph: zone nodes (every zone a firewall names), firewall nodes. */
struct graph {
	const struct plan *p;
	struct strlist zones;	/* node index = position */
};

static long
zone_node(const struct graph *g, const char *zone)
{
	for (size_t i = 0; i < g->zones.n; i++)
		if (strcmp(g->zones.v[i], zone) == 0)
			return (long)i;
	return -1;
}

static bool
fw_has(const struct plan_firewall *f, const char *zone)
{
	return strlist_contains(&f->zones, zone);
}

/* A path from SRC to DST: the firewalls, in order, into *OUT (in R's
 * pool).  Returns the number of firewalls, 0 when the zones are the same
 * or -1 when no path joins them; *TIE when another shortest path passes
 * other firewalls. */
static long
shortest(struct resolution *r, const struct graph *g, const char *src, const char *dst,
	 const char ***out, bool *tie)
{
	size_t nz = g->zones.n, nf = g->p->nfirewalls;
	long *dist = xmalloc((nz ? nz : 1) * sizeof *dist);
	long *via = xmalloc((nz ? nz : 1) * sizeof *via);	/* firewall used to reach */
	long *from = xmalloc((nz ? nz : 1) * sizeof *from);	/* previous zone */
	unsigned *ways = xcalloc(nz ? nz : 1, sizeof *ways);	/* shortest paths, capped */
	size_t *queue = xmalloc((nz ? nz : 1) * sizeof *queue), head = 0, tail = 0;
	long s = zone_node(g, src), d = zone_node(g, dst), n = -1;

	*out = NULL;
	*tie = false;
	for (size_t i = 0; i < nz; i++)
		dist[i] = -1;
	if (s < 0 || d < 0)
		goto done;
	dist[s] = 0;
	ways[s] = 1;
	queue[tail++] = (size_t)s;
	while (head < tail) {
		size_t z = queue[head++];

		for (size_t f = 0; f < nf; f++) {
			const struct plan_firewall *fw = &g->p->firewalls[f];

			if (!fw_has(fw, g->zones.v[z]))
				continue;
			for (size_t k = 0; k < fw->zones.n; k++) {
				long y = zone_node(g, fw->zones.v[k]);

				if (y < 0 || (size_t)y == z)
					continue;
				if (dist[y] < 0) {
					dist[y] = dist[z] + 1;
					via[y] = (long)f;
					from[y] = (long)z;
					ways[y] = ways[z];
					queue[tail++] = (size_t)y;
				} else if (dist[y] == dist[z] + 1 && ways[y] < 2)
					ways[y] += ways[z];
			}
		}
	}
	if (dist[d] < 0)
		goto done;
	n = dist[d];
	*tie = ways[d] > 1;
	if (n > 0) {
		const char **v = pool_alloc(r->pool, (size_t)n * sizeof *v);
		long z = d;

		for (long k = n - 1; k >= 0; k--) {
			v[k] = g->p->firewalls[via[z]].id;
			z = from[z];
		}
		*out = v;
	}
done:
	free(dist);
	free(via);
	free(from);
	free(ways);
	free(queue);
	return n;
}

/* The paths already found, by zone pair. */
struct path {
	const char *src, *dst;
	const char **fw;
	long n;
};

void
paths_assign(struct resolution *r, const struct plan *p)
{
	struct graph g;
	struct path *known = NULL;
	size_t nknown = 0;

	if (p->nfirewalls == 0)
		return;
	g.p = p;
	strlist_init(&g.zones);
	for (size_t i = 0; i < p->nfirewalls; i++)
		for (size_t k = 0; k < p->firewalls[i].zones.n; k++)
			strlist_add_unique(&g.zones, p->firewalls[i].zones.v[k]);
	for (size_t i = 0; i < r->nrules; i++) {
		struct rule *rule = &r->rules[i];
		struct path *pa = NULL;

		if (rule->section != RULE_FIREWALL)
			continue;
		for (size_t k = 0; k < nknown && pa == NULL; k++)
			if (strcmp(known[k].src, rule->src.zone) == 0 &&
			    strcmp(known[k].dst, rule->dst.zone) == 0)
				pa = &known[k];
		if (pa == NULL) {
			bool tie;

			known = xreallocarray(known, nknown + 1, sizeof *known);
			pa = &known[nknown++];
			pa->src = rule->src.zone;
			pa->dst = rule->dst.zone;
			pa->n = shortest(r, &g, pa->src, pa->dst, &pa->fw, &tie);
			if (pa->n < 0)
				strlist_addf(&r->problems,
					     _("No firewall of the plan joins zone \"%1$s\" to zone \"%2$s\": the rules between them are assigned to no firewall (add a firewall with --firewall ID=%1$s,%2$s, or one on the way)."),
					     pa->src, pa->dst);
			else if (tie)
				strlist_addf(&r->problems,
					     _("Two paths of the same length join zone \"%1$s\" to zone \"%2$s\" through different firewalls: the rules between them are assigned to the first (%3$s); say which one carries the traffic by removing a zone from the other firewall."),
					     pa->src, pa->dst, pa->n > 0 ? pa->fw[0] : "");
		}
		if (pa->n > 0) {
			rule->firewalls = pa->fw;
			rule->nfirewalls = (size_t)pa->n;
		}
	}
	free(known);
	strlist_fini(&g.zones);
}
