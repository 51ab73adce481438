/* bench.c: in-process timings of the core on one catalog size.
 *
 *     bench --size N --catalog DIR --plan FILE --work DIR [--runs R]
 *           [--import-runs R] [--plan-api] [--dump-rules FILE] [--lang LL]
 *           [--phases import,open,use] [--timeout SECONDS] [--exports DIR]
 *
 * DIR holds the catalog sources (bench/gen-catalog.py writes DIR/catalog
 * and the plan FILE, one command-line argument a line: "--product ID",
 * "--feature PRODUCT:ID").  The catalog cache is written to WORK.
 *
 * Each phase runs in its own child process, so that its peak RSS
 * (getrusage ru_maxrss via wait4) is its own:
 *
 *   import   catalog_open with no cache (validate + import + index +
 *            atomic replace), R times, the cache removed before each run
 *   open     catalog_open with an up-to-date cache (sources listed and
 *            hashed, freshness checked), R times
 *   use      resolve a plan that selects everything, then the Markdown and
 *            the CSV export, R times each, written to WORK the way the
 *            CLI writes them (streamed into a temporary file, fsync,
 *            rename)
 *
 * --exports DIR writes the documents there instead (to check that two
 * builds produce the same bytes).
 *
 * With --timeout, a phase still running after SECONDS is stopped and
 * reported as NAME_timeout=SECONDS; what it measured before is kept.
 *
 * Each time is the median of the runs, as wall-clock time (X_s) and as the
 * process's CPU time (X_cpu_s, user + system), which other processes on
 * the same cores disturb less.  Medians are printed as one line of key=value pairs on stdout, prefixed
 * with "RESULT"; bench/run.sh turns them into the table and the BENCH
 * lines.  Links only the core (src/libportplan.a): no curses. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "export/export.h"
#include "plan/plan.h"
#include "resolve/resolve.h"
#include "util/error.h"
#include "util/netspec.h"
#include "util/file.h"
#include "util/str.h"

#define MAX_RUNS 64

struct opts {
	long size;
	const char *catalog, *plan, *work, *dump_rules, *lang;
	const char *exports;	/* directory for the last run's documents */
	int runs, import_runs;
	int plan_api;
	const char *phases;	/* comma-separated subset of import,open,use */
	unsigned timeout;	/* seconds per phase, 0: none */
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this process (user + system): less disturbed than the wall
 * clock when other processes share the cores. */
static double
cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void
die_err(const char *what, const struct pp_error *err)
{
	char buf[2200];

	error_format(err, buf, sizeof buf);
	fprintf(stderr, "bench: %s: %s\n", what, buf);
	exit(1);
}

static char *
db_path(const struct opts *o)
{
	return xasprintf("%s/catalog.sqlite", o->work);
}

static void
config(const struct opts *o, struct catalog_config *cfg)
{
	catalog_config_init(cfg);
	cfg->db_path = db_path(o);
	strlist_add(&cfg->dirs, o->catalog);
}

/* ---- the plan --------------------------------------------------------- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_feature(const void *a, const void *b)
{
	const struct plan_feature *x = a, *y = b;
	int c = strcmp(x->product, y->product);

	return c != 0 ? c : strcmp(x->id, y->id);
}

/* Reads the generator's plan ("--product ID" / "--feature PRODUCT:ID", one
 * argument a line).  With API, through plan_add_product/plan_set_feature,
 * as the CLI and the TUI build a plan; otherwise straight into the sorted
 * arrays (the API is quadratic: see BENCHMARKS.md). */
static struct plan *
load_plan(const char *path, int api)
{
	FILE *f = fopen(path, "r");
	struct plan *p = plan_new();
	char line[512], opt[512] = "";
	size_t cap = 0;

	if (f == NULL) {
		fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (opt[0] == '\0') {
			snprintf(opt, sizeof opt, "%s", line);
			continue;
		}
		if (strcmp(opt, "--product") == 0) {
			if (api)
				plan_add_product(p, line);
			else
				strlist_add(&p->products, line);
		} else if (strcmp(opt, "--feature") == 0) {
			char *colon = strchr(line, ':');

			if (colon == NULL) {
				fprintf(stderr, "bench: %s: feature without product: %s\n", path, line);
				exit(1);
			}
			*colon = '\0';
			if (api)
				plan_set_feature(p, line, colon + 1, true);
			else {
				if (p->nfeatures == cap) {
					cap = cap ? cap * 2 : 256;
					p->features = xreallocarray(p->features, cap, sizeof *p->features);
				}
				p->features[p->nfeatures].product = xstrdup(line);
				p->features[p->nfeatures].id = xstrdup(colon + 1);
				p->nfeatures++;
			}
		} else {
			fprintf(stderr, "bench: %s: unknown option %s\n", path, opt);
			exit(1);
		}
		opt[0] = '\0';
	}
	fclose(f);
	if (!api) {
		if (p->products.n > 1)
			qsort(p->products.v, p->products.n, sizeof *p->products.v, cmp_str);
		if (p->nfeatures > 1)
			qsort(p->features, p->nfeatures, sizeof *p->features, cmp_feature);
	}
	return p;
}

/* ---- phases (each in a child) ----------------------------------------- */

static void
remove_cache(const struct opts *o)
{
	char *path = db_path(o);

	if (unlink(path) != 0 && errno != ENOENT) {
		fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	free(path);
}

static void
phase_import(const struct opts *o, FILE *out)
{
	double t[MAX_RUNS], u[MAX_RUNS];
	struct catalog_config cfg;

	config(o, &cfg);
	for (int i = 0; i < o->import_runs; i++) {
		struct catalog *c = NULL;
		struct pp_error err;
		double t0, c0;

		error_clear(&err);
		remove_cache(o);
		t0 = now();
		c0 = cpu();
		if (catalog_open(&cfg, &c, NULL, &err) != 0)
			die_err("import", &err);
		t[i] = now() - t0;
		u[i] = cpu() - c0;
		if (!catalog_was_rebuilt(c) || catalog_db_path(c)[0] == '\0') {
			fprintf(stderr, "bench: import did not build the cache file\n");
			exit(1);
		}
		catalog_free(&c);
	}
	fprintf(out, "import_s=%.4f import_cpu_s=%.4f ", median(t, o->import_runs),
		median(u, o->import_runs));
	{
		struct stat st;
		char *path = db_path(o);

		if (stat(path, &st) == 0)
			fprintf(out, "cache_mb=%.1f ", (double)st.st_size / 1e6);
		free(path);
	}
	catalog_config_fini(&cfg);
}

static void
phase_open(const struct opts *o, FILE *out)
{
	double t[MAX_RUNS], u[MAX_RUNS];
	struct catalog_config cfg;

	config(o, &cfg);
	for (int i = 0; i < o->runs; i++) {
		struct catalog *c = NULL;
		struct pp_error err;
		double t0, c0;

		error_clear(&err);
		t0 = now();
		c0 = cpu();
		if (catalog_open(&cfg, &c, NULL, &err) != 0)
			die_err("open", &err);
		t[i] = now() - t0;
		u[i] = cpu() - c0;
		if (catalog_was_rebuilt(c)) {
			fprintf(stderr, "bench: the up-to-date cache was rebuilt\n");
			exit(1);
		}
		catalog_free(&c);
	}
	fprintf(out, "open_s=%.4f open_cpu_s=%.4f ", median(t, o->runs), median(u, o->runs));
	catalog_config_fini(&cfg);
}

/* One line a rule: id, section, source, destination, protocol, ports. */
static void
dump_rules(const struct resolution *r, const char *path)
{
	static const char *const sect[] = { "firewall", "no-change", "host-local" };
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	for (size_t i = 0; i < r->nrules; i++) {
		const struct rule *rule = &r->rules[i];
		char pb[8];

		fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", rule->id,
			sect[rule->section], rule->src.id, rule->src.zone,
			rule->dst.id, rule->dst.zone, proto_name(rule->proto, pb),
			rule->ports != NULL ? rule->ports : "-");
	}
	if (fclose(f) != 0) {
		fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

/* Exports the way the CLI does: the document streams into a temporary
 * file next to DIR/NAME (bounded memory), then fsync and rename.
 * Returns the document's size. */
struct counting_sink {
	struct file_out_sink inner;
	size_t bytes;
};

static int
count_sink(void *arg, const char *data, size_t len)
{
	struct counting_sink *s = arg;

	s->bytes += len;
	return file_out_sink(&s->inner, data, len);
}

static size_t
export_to_file(const char *dir, const char *name,
	       int (*write)(const struct export_input *, struct sbuf *, struct pp_error *),
	       const struct export_input *in)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct counting_sink sink;
	struct file_out *o;
	struct pp_error err;
	struct sbuf b;

	error_clear(&err);
	sbuf_init(&b);
	if (file_out_open(path, 0, &o, &err) != 0)
		die_err(name, &err);
	sink.inner.out = o;
	sink.inner.err = &err;
	sink.bytes = 0;
	sbuf_set_sink(&b, count_sink, &sink);
	if (write(in, &b, &err) != 0 || sbuf_flush(&b) != 0 || file_out_commit(&o, &err) != 0)
		die_err(name, &err);
	sbuf_fini(&b);
	free(path);
	return sink.bytes;
}

static void
phase_use(const struct opts *o, FILE *out)
{
	double tr[MAX_RUNS], tm[MAX_RUNS], tc[MAX_RUNS];
	double ur[MAX_RUNS], um[MAX_RUNS], uc[MAX_RUNS];
	struct catalog_config cfg;
	struct catalog *c = NULL;
	struct resolution *r = NULL;
	struct pp_error err;
	struct plan *p;
	size_t md_bytes = 0, csv_bytes = 0;
	double t0, c0;

	error_clear(&err);
	config(o, &cfg);
	if (catalog_open(&cfg, &c, NULL, &err) != 0)
		die_err("open", &err);
	catalog_set_lang(c, o->lang);
	t0 = now();
	p = load_plan(o->plan, 0);
	fprintf(out, "plan_s=%.4f plan_products=%zu plan_features=%zu ",
		now() - t0, p->products.n, p->nfeatures);
	for (int i = 0; i < o->runs; i++) {
		resolution_free(&r);
		t0 = now();
		c0 = cpu();
		if (resolve(c, p, &r, &err) != 0)
			die_err("resolve", &err);
		tr[i] = now() - t0;
		ur[i] = cpu() - c0;
	}
	fprintf(out, "resolve_s=%.4f resolve_cpu_s=%.4f flows_selected=%zu rules=%zu "
		"firewall=%zu no_change=%zu host_local=%zu boundaries=%zu gaps=%zu "
		"problems=%zu ", median(tr, o->runs), median(ur, o->runs), r->nflows, r->nrules, r->count[RULE_FIREWALL],
		r->count[RULE_NO_CHANGE], r->count[RULE_HOST_LOCAL], r->nboundaries,
		r->gaps.n, r->problems.n);
	{
		struct rusage ru;

		/* peak so far: the open catalog, the plan and a resolution */
		getrusage(RUSAGE_SELF, &ru);
		fprintf(out, "resolve_rss_mb=%.1f ", (double)ru.ru_maxrss / 1024.0);
	}
	if (r->problems.n > 0)
		fprintf(stderr, "bench: warning: the plan has problems, e.g. %s\n",
			r->problems.v[0]);
	if (o->dump_rules != NULL)
		dump_rules(r, o->dump_rules);
	for (int i = 0; i < o->runs; i++) {
		struct export_input in = { p, r, o->lang };
		const char *dir = o->exports != NULL ? o->exports : o->work;

		t0 = now();
		c0 = cpu();
		md_bytes = export_to_file(dir, "request.md", export_markdown, &in);
		tm[i] = now() - t0;
		um[i] = cpu() - c0;
		t0 = now();
		c0 = cpu();
		csv_bytes = export_to_file(dir, "request.csv", export_csv, &in);
		tc[i] = now() - t0;
		uc[i] = cpu() - c0;
	}
	fprintf(out, "md_s=%.4f md_cpu_s=%.4f csv_s=%.4f csv_cpu_s=%.4f md_mb=%.1f csv_mb=%.1f ",
		median(tm, o->runs), median(um, o->runs), median(tc, o->runs),
		median(uc, o->runs),
		(double)md_bytes / 1e6, (double)csv_bytes / 1e6);
	resolution_free(&r);
	plan_free(&p);
	catalog_free(&c);
	catalog_config_fini(&cfg);
}

static void
phase_plan_api(const struct opts *o, FILE *out)
{
	double t0 = now();
	struct plan *p = load_plan(o->plan, 1);

	fprintf(out, "plan_api_s=%.4f ", now() - t0);
	plan_free(&p);
}

/* Runs FN in a child; copies what it prints to stdout and adds NAME_rss_mb
 * (the child's peak RSS).  Returns the peak RSS in MB. */
static double
run_phase(const char *name, void (*fn)(const struct opts *, FILE *),
	  const struct opts *o)
{
	int fd[2];
	pid_t pid;
	struct rusage ru;
	int status;
	char buf[4096];
	ssize_t n;
	double rss;

	fflush(stdout);
	if (pipe(fd) != 0) {
		perror("bench: pipe");
		exit(1);
	}
	pid = fork();
	if (pid < 0) {
		perror("bench: fork");
		exit(1);
	}
	if (pid == 0) {
		FILE *out;

		close(fd[0]);
		out = fdopen(fd[1], "w");
		/* unbuffered: what was measured before a time-out is kept */
		setvbuf(out, NULL, _IONBF, 0);
		alarm(o->timeout);
		fn(o, out);
		fclose(out);
		_exit(0);
	}
	close(fd[1]);
	while ((n = read(fd[0], buf, sizeof buf)) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
	close(fd[0]);
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("bench: wait4");
		exit(1);
	}
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) {
		/* the peak RSS until it was stopped: a lower bound */
		rss = (double)ru.ru_maxrss / 1024.0;
		printf("%s_timeout=%u %s_rss_mb=%.1f ", name, o->timeout, name, rss);
		fprintf(stderr, "bench: phase %s stopped after %u s\n", name, o->timeout);
		return rss;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench: phase %s failed\n", name);
		exit(1);
	}
	rss = (double)ru.ru_maxrss / 1024.0;	/* kB on Linux */
	printf("%s_rss_mb=%.1f ", name, rss);
	return rss;
}

static int
has_phase(const struct opts *o, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = o->phases; (p = strstr(p, name)) != NULL; p += n)
		if ((p == o->phases || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

static void
usage(void)
{
	fputs("usage: bench --size N --catalog DIR --plan FILE --work DIR [--runs R]\n"
	      "             [--import-runs R] [--plan-api] [--dump-rules FILE] [--lang LL]\n"
	      "             [--phases import,open,use] [--timeout SECONDS] [--exports DIR]\n",
	      stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	struct opts o = { 0, NULL, NULL, NULL, NULL, "en", NULL, 5, 3, 0, "import,open,use", 0 };
	double rss = 0, x;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--plan-api") == 0) {
			o.plan_api = 1;
			continue;
		}
		if (v == NULL)
			usage();
		i++;
		if (strcmp(a, "--size") == 0)
			o.size = atol(v);
		else if (strcmp(a, "--catalog") == 0)
			o.catalog = v;
		else if (strcmp(a, "--plan") == 0)
			o.plan = v;
		else if (strcmp(a, "--work") == 0)
			o.work = v;
		else if (strcmp(a, "--runs") == 0)
			o.runs = atoi(v);
		else if (strcmp(a, "--import-runs") == 0)
			o.import_runs = atoi(v);
		else if (strcmp(a, "--dump-rules") == 0)
			o.dump_rules = v;
		else if (strcmp(a, "--exports") == 0)
			o.exports = v;
		else if (strcmp(a, "--lang") == 0)
			o.lang = v;
		else if (strcmp(a, "--phases") == 0)
			o.phases = v;
		else if (strcmp(a, "--timeout") == 0)
			o.timeout = (unsigned)atoi(v);
		else
			usage();
	}
	if (o.catalog == NULL || o.plan == NULL || o.work == NULL ||
	    o.runs < 1 || o.runs > MAX_RUNS || o.import_runs < 1 ||
	    o.import_runs > MAX_RUNS)
		usage();
	if (mkdir(o.work, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "bench: %s: %s\n", o.work, strerror(errno));
		return 1;
	}
	printf("RESULT size=%ld runs=%d import_runs=%d ", o.size, o.runs, o.import_runs);
	if (has_phase(&o, "import")) {
		x = run_phase("import", phase_import, &o);
		rss = x > rss ? x : rss;
	}
	if (has_phase(&o, "open")) {
		x = run_phase("open", phase_open, &o);
		rss = x > rss ? x : rss;
	}
	if (has_phase(&o, "use")) {
		x = run_phase("use", phase_use, &o);
		rss = x > rss ? x : rss;
	}
	if (o.plan_api)
		run_phase("plan_api", phase_plan_api, &o);
	printf("rss_mb=%.1f\n", rss);
	return 0;
}
