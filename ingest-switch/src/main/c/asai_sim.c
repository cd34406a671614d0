/*
 * asai_sim.c - a CVLAN/ASAI switch simulator with the same exported functions as the vendor
 * library (see asai_str.h), loaded by the very same JNA binding as the real one.
 *
 * Each fd follows one VDN: open -> set node id -> C_EN_REQ for a C_CALL_VECTOR domain -> the
 * acknowledgement -> a stream of C_EN_REP event reports from blocking asai_rcv calls. Calls follow
 * realistic flows (answered, abandoned, hold/reconnect, transfer). A VDN's call stream survives
 * reconnects: an event is consumed only when it is delivered, so a link-down loses nothing.
 *
 * Configured from the environment at the first asai_open (ASAI_SIM_MODE, ASAI_SIM_CALLS, ...) or
 * at run time with asai_sim_configure("mode=scripted,calls=3,..."), same keys in lower case:
 *   mode=random|scripted    random flows forever, or the fixed cycle of flows for `calls` calls
 *   calls=N                 scripted: calls per VDN, then the VDN goes quiet
 *   interval_ms=N           time between events on a VDN (random mode: on average)
 *   interval_us=N           the same in microseconds, for rates above 1,000 events/s per VDN
 *   agents=N                agent extensions per VDN the calls cycle over (default 8): <vdn><agent>, the
 *                           agent number zero-padded to the width of N (at least 2 digits)
 *   seed=N                  random mode seed
 *   link_down_every=N       fault: the link drops after N events on a connection (asai_rcv -1)
 *   refuse_opens=N          fault: the next N asai_open calls fail
 *   garbage_every=N         fault: every Nth buffer is garbage (not an event report)
 *   slow_read_ms=N          fault: every read takes N ms longer
 *   fault_vdn=DIGITS        the link-down, garbage and slow-read faults hit only this VDN's connections
 *                           (refused opens hit whichever connection opens next); empty: every VDN
 */
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "asai_str.h"

#define MAX_FDS 256
#define MAX_VDNS 256

typedef struct {
  int scripted;
  long calls;
  long interval_us;
  long agents;
  unsigned int seed;
  long link_down_every;
  long refuse_opens;
  long garbage_every;
  long slow_read_ms;
  char fault_vdn[32];
} sim_config_t;

typedef struct {
  char vdn[32];
  long call_no;       /* calls started so far */
  int flow;           /* 0 answered, 1 abandoned, 2 hold/reconnect, 3 transfer */
  int step;           /* next step within the flow */
  unsigned int rng;
} vdn_state_t;

typedef struct {
  int in_use;
  int closing;
  int reading;
  int dead;
  int ack_pending;
  long ack_cause;
  long delivered;      /* event reports delivered on this connection */
  long buffers;        /* buffers delivered on this connection */
  vdn_state_t *vdn;
  struct timespec next_due;
} sim_fd_t;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static sim_config_t config;
static int configured;
static sim_fd_t fds[MAX_FDS];
static vdn_state_t vdns[MAX_VDNS];
static int vdn_count;
static __thread char last_error[256];

/* ---- configuration ---- */

static void set_defaults(void) {
  memset(&config, 0, sizeof config);
  config.scripted = 0;
  config.calls = 0;
  config.interval_us = 1500 * 1000L;
  config.agents = 8;
  config.seed = 42;
}

static void apply_option(const char *key, const char *value) {
  long n = strtol(value, NULL, 10);
  if (strcmp(key, "mode") == 0) config.scripted = strcmp(value, "scripted") == 0;
  else if (strcmp(key, "calls") == 0) config.calls = n;
  else if (strcmp(key, "interval_ms") == 0) config.interval_us = n * 1000L;
  else if (strcmp(key, "interval_us") == 0) config.interval_us = n;
  else if (strcmp(key, "agents") == 0) config.agents = n < 1 ? 1 : n > 1000000L ? 1000000L : n;
  else if (strcmp(key, "seed") == 0) config.seed = (unsigned int) n;
  else if (strcmp(key, "link_down_every") == 0) config.link_down_every = n;
  else if (strcmp(key, "refuse_opens") == 0) config.refuse_opens = n;
  else if (strcmp(key, "garbage_every") == 0) config.garbage_every = n;
  else if (strcmp(key, "slow_read_ms") == 0) config.slow_read_ms = n;
  else if (strcmp(key, "fault_vdn") == 0) snprintf(config.fault_vdn, sizeof config.fault_vdn, "%s", value);
}

static void configure_from_env(void) {
  static const char *keys[] = {"mode", "calls", "interval_ms", "interval_us", "agents", "seed", "link_down_every",
                               "refuse_opens", "garbage_every", "slow_read_ms", "fault_vdn"};
  static const char *vars[] = {"ASAI_SIM_MODE", "ASAI_SIM_CALLS", "ASAI_SIM_INTERVAL_MS", "ASAI_SIM_INTERVAL_US",
                               "ASAI_SIM_AGENTS", "ASAI_SIM_SEED", "ASAI_SIM_LINK_DOWN_EVERY", "ASAI_SIM_REFUSE_OPENS",
                               "ASAI_SIM_GARBAGE_EVERY", "ASAI_SIM_SLOW_READ_MS", "ASAI_SIM_FAULT_VDN"};
  set_defaults();
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    const char *v = getenv(vars[i]);
    if (v != NULL && *v != '\0') apply_option(keys[i], v);
  }
  configured = 1;
}

/* Simulator-only: replace the configuration and forget every VDN's call stream. */
DECLDLL long asai_sim_configure(const char *spec) {
  pthread_mutex_lock(&lock);
  set_defaults();
  configured = 1;
  char copy[512];
  snprintf(copy, sizeof copy, "%s", spec == NULL ? "" : spec);
  char *save = NULL;
  for (char *item = strtok_r(copy, ",", &save); item != NULL; item = strtok_r(NULL, ",", &save)) {
    char *eq = strchr(item, '=');
    if (eq != NULL) {
      *eq = '\0';
      apply_option(item, eq + 1);
    }
  }
  vdn_count = 0;
  memset(vdns, 0, sizeof vdns);
  pthread_mutex_unlock(&lock);
  return 0;
}

/* Simulator-only: how many fds are open (for leak checks). */
DECLDLL long asai_sim_open_fds(void) {
  long n = 0;
  pthread_mutex_lock(&lock);
  for (int i = 0; i < MAX_FDS; i++) n += fds[i].in_use;
  pthread_mutex_unlock(&lock);
  return n;
}

/* ---- helpers ---- */

static long fail(const char *message) {
  snprintf(last_error, sizeof last_error, "%s", message);
  return -1;
}

static sim_fd_t *slot(int fd) {
  if (fd < 3 || fd >= MAX_FDS + 3) return NULL;
  sim_fd_t *s = &fds[fd - 3];
  return s->in_use ? s : NULL;
}

static vdn_state_t *vdn_state(const char *vdn) {
  for (int i = 0; i < vdn_count; i++) {
    if (strcmp(vdns[i].vdn, vdn) == 0) return &vdns[i];
  }
  if (vdn_count == MAX_VDNS) return NULL;
  vdn_state_t *v = &vdns[vdn_count++];
  memset(v, 0, sizeof *v);
  snprintf(v->vdn, sizeof v->vdn, "%s", vdn);
  v->rng = config.seed ^ (unsigned int) strtoul(vdn, NULL, 10);
  v->step = -1;
  return v;
}

static void add_us(struct timespec *t, long us) {
  t->tv_sec += us / 1000000L;
  t->tv_nsec += (us % 1000000L) * 1000L;
  if (t->tv_nsec >= 1000000000L) {
    t->tv_sec++;
    t->tv_nsec -= 1000000000L;
  }
}

/* Microseconds from a to b, negative when b is earlier. */
static long micros_between(const struct timespec *a, const struct timespec *b) {
  return (long) (b->tv_sec - a->tv_sec) * 1000000L + (b->tv_nsec - a->tv_nsec) / 1000L;
}

static int before(const struct timespec *a, const struct timespec *b) {
  return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static void sleep_us(long us) {
  struct timespec t = {us / 1000000L, (us % 1000000L) * 1000L};
  while (nanosleep(&t, &t) == -1 && errno == EINTR) {
  }
}

static void sleep_ms(long ms) {
  sleep_us(ms * 1000L);
}

static unsigned int next_random(unsigned int *state) {
  *state = *state * 1103515245u + 12345u;
  return (*state >> 8) & 0xffffff;
}

/* ---- call flows ---- */

static const int FLOW_ANSWERED[] = {C_OFFERED, C_ALERTING, C_CONNECTED, C_DROP, C_CALL_ENDED};
static const int FLOW_ABANDONED[] = {C_OFFERED, C_ALERTING, C_DROP, C_CALL_ENDED};
static const int FLOW_HOLD[] = {C_OFFERED, C_ALERTING, C_CONNECTED, C_HOLD, C_RECONNECT, C_DROP, C_CALL_ENDED};
static const int FLOW_TRANSFER[] = {C_OFFERED, C_ALERTING, C_CONNECTED, C_HOLD, C_TRANSFERRED, C_CONNECTED, C_DROP,
                                    C_CALL_ENDED};
static const int *FLOWS[] = {FLOW_ANSWERED, FLOW_ABANDONED, FLOW_HOLD, FLOW_TRANSFER};
static const int FLOW_LENGTHS[] = {5, 4, 7, 8};

/* Moves the VDN to its next event; returns 0 when a scripted VDN has finished its calls. */
static int advance(vdn_state_t *v) {
  if (v->step >= 0 && v->step + 1 < FLOW_LENGTHS[v->flow]) {
    v->step++;
    return 1;
  }
  if (config.scripted && config.calls > 0 && v->call_no >= config.calls) return 0;
  v->call_no++;
  v->flow = config.scripted ? (int) ((v->call_no - 1) % 4) : (int) (next_random(&v->rng) % 4);
  v->step = 0;
  return 1;
}

static char *put_string(en_rep_t *rep, size_t *used, const char *text) {
  size_t n = strlen(text) + 1;
  if (*used + n > C_DATSZ) return NULL;
  char *at = rep->pool + *used;
  memcpy(at, text, n);
  *used += n;
  return at;
}

/* Writes the VDN's current event as an event report into buf; returns its length. */
static long write_event(vdn_state_t *v, char *buf, long length) {
  if (length < (long) sizeof(en_rep_t)) return fail("receive buffer smaller than an event report");
  en_rep_t *rep = (en_rep_t *) buf;
  memset(rep, 0, sizeof *rep);
  int event = FLOWS[v->flow][v->step];
  long vdn_number = strtol(v->vdn, NULL, 10);
  char agent[40], target[40], calling[24], ucid[24];
  int width = 2;
  for (long a = config.agents; a >= 100; a /= 10) width++;
  if (snprintf(agent, sizeof agent, "%s%0*ld", v->vdn, width, (v->call_no - 1) % config.agents + 1) >= (int) sizeof agent) {
    return fail("agent extension longer than 39 digits");
  }
  snprintf(target, sizeof target, "%s09", v->vdn);
  snprintf(calling, sizeof calling, "303555%04ld", (vdn_number * 7 + v->call_no) % 10000);
  snprintf(ucid, sizeof ucid, "%05ld%05ld%010ld", 1L, vdn_number % 100000, v->call_no);
  int transferred = v->flow == 3 && v->step >= 4;

  rep->asai_common.capability = C_EN_REP;
  rep->asai_common.primitive_type = C_INDICATION;
  rep->event_name = event;
  rep->party.call_id = (vdn_number * 1000 + v->call_no) % 65000 + 1;
  rep->party.party_id = transferred ? 2 : 1;
  rep->old_call_id = event == C_TRANSFERRED ? rep->party.call_id + 1 : 0;
  rep->cause = (event == C_DROP && v->flow == 1) ? 28 /* abandoned */ : 0;
  size_t used = 0;
  rep->calling_num = put_string(rep, &used, calling);
  rep->called_num = put_string(rep, &used, v->vdn);
  if (event != C_OFFERED && event != C_QUEUED) {
    rep->connected_num = put_string(rep, &used, transferred && event != C_TRANSFERRED ? target : agent);
  }
  rep->ucid = put_string(rep, &used, ucid);
  rep->split = put_string(rep, &used, "1");
  return (long) (offsetof(en_rep_t, pool) + used);
}

static long write_garbage(sim_fd_t *s, char *buf, long length) {
  long n = length < 160 ? length : 160;
  unsigned int r = (unsigned int) s->buffers * 2654435761u;
  for (long i = 0; i < n; i++) buf[i] = (char) (next_random(&r) & 0xff);
  buf[0] = 0x77; buf[1] = 0x77; buf[2] = 0; buf[3] = 0; /* not a capability */
  return n;
}

/* Whether the read faults apply to this connection (caller holds the lock). */
static int faulty(const sim_fd_t *s) {
  return config.fault_vdn[0] == '\0' || (s->vdn != NULL && strcmp(s->vdn->vdn, config.fault_vdn) == 0);
}

/* ---- the vendor API ---- */

DECLDLL int asai_open(const char *path, int flags) {
  (void) flags;
  pthread_mutex_lock(&lock);
  if (!configured) configure_from_env();
  if (path == NULL || *path == '\0') {
    pthread_mutex_unlock(&lock);
    return (int) fail("asai_open: no CVLAN server path");
  }
  if (config.refuse_opens > 0) {
    config.refuse_opens--;
    pthread_mutex_unlock(&lock);
    return (int) fail("asai_open: connection refused by CVLAN server");
  }
  for (int i = 0; i < MAX_FDS; i++) {
    if (!fds[i].in_use) {
      memset(&fds[i], 0, sizeof fds[i]);
      fds[i].in_use = 1;
      pthread_mutex_unlock(&lock);
      return i + 3;
    }
  }
  pthread_mutex_unlock(&lock);
  return (int) fail("asai_open: too many open connections");
}

DECLDLL long asai_set_env(int fd, long characteristic, void *arg) {
  pthread_mutex_lock(&lock);
  sim_fd_t *s = slot(fd);
  pthread_mutex_unlock(&lock);
  if (s == NULL) return fail("asai_set_env: bad fd");
  if (characteristic == C_NODE_ID && (arg == NULL || *(char *) arg == '\0')) return fail("asai_set_env: empty node id");
  return 0;
}

DECLDLL long asai_send(int fd, const char *buf, long length) {
  pthread_mutex_lock(&lock);
  sim_fd_t *s = slot(fd);
  if (s == NULL || s->dead) {
    pthread_mutex_unlock(&lock);
    return fail(s == NULL ? "asai_send: bad fd" : "asai_send: link down");
  }
  const cv_info_t *req = (const cv_info_t *) buf;
  long cause = 0;
  if (length < (long) offsetof(cv_info_t, pool) || req->asai_common.capability != C_EN_REQ
      || req->asai_common.primitive_type != C_REQUEST) {
    cause = 96; /* invalid message */
  } else if (req->domain_type != C_CALL_VECTOR) {
    cause = 97; /* unsupported domain */
  } else if (req->domain_ext < req->pool || req->domain_ext >= buf + length
             || memchr(req->domain_ext, '\0', (size_t) (buf + length - req->domain_ext)) == NULL
             || *req->domain_ext == '\0') {
    cause = 98; /* domain_ext does not point at digits in the pool */
  } else {
    s->vdn = vdn_state(req->domain_ext);
    if (s->vdn == NULL) cause = 99;
  }
  s->ack_pending = 1;
  s->ack_cause = cause;
  clock_gettime(CLOCK_MONOTONIC, &s->next_due);
  pthread_mutex_unlock(&lock);
  return length;
}

DECLDLL long asai_rcv(int fd, char *buf, long length) {
  pthread_mutex_lock(&lock);
  sim_fd_t *s = slot(fd);
  if (s == NULL || s->closing) {
    pthread_mutex_unlock(&lock);
    return fail("asai_rcv: bad fd");
  }
  if (s->dead) {
    pthread_mutex_unlock(&lock);
    return fail("asai_rcv: link down");
  }
  s->reading = 1;
  long slow = faulty(s) ? config.slow_read_ms : 0;
  pthread_mutex_unlock(&lock);
  if (slow > 0) sleep_ms(slow);

  long result;
  for (;;) {
    pthread_mutex_lock(&lock);
    if (s->closing) {
      result = fail("asai_rcv: connection closed");
      break;
    }
    if (s->ack_pending) {
      if (length < (long) sizeof(cv_ack_t)) {
        result = fail("receive buffer smaller than an acknowledgement");
        break;
      }
      cv_ack_t *ack = (cv_ack_t *) buf;
      memset(ack, 0, sizeof *ack);
      ack->asai_common.capability = C_EN_REQ;
      ack->asai_common.primitive_type = s->ack_cause == 0 ? C_POS_ACK : C_NEG_ACK;
      ack->cause = s->ack_cause;
      s->ack_pending = 0;
      result = sizeof *ack;
      break;
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int ready = s->vdn != NULL && !before(&now, &s->next_due);
    if (ready && faulty(s) && config.link_down_every > 0 && s->delivered >= config.link_down_every) {
      s->dead = 1;
      result = fail("asai_rcv: link down");
      break;
    }
    if (ready && faulty(s) && config.garbage_every > 0 && (s->buffers + 1) % config.garbage_every == 0) {
      s->buffers++;
      result = write_garbage(s, buf, length);
      break;
    }
    if (ready && advance(s->vdn)) {
      result = write_event(s->vdn, buf, length);
      if (result < 0) {
        s->vdn->step--; /* not delivered: keep it for the next read */
        break;
      }
      s->delivered++;
      s->buffers++;
      long gap = config.interval_us;
      if (!config.scripted && gap > 1) gap = gap / 2 + (long) (next_random(&s->vdn->rng) % (unsigned int) gap);
      /* From the due time, not from now: a late read does not slow the VDN's rate down. Far
         behind (a stalled reader), start again from now rather than burst to catch up. */
      if (micros_between(&s->next_due, &now) > 1000000L) s->next_due = now;
      add_us(&s->next_due, gap);
      break;
    }
    if (ready) {
      /* a scripted VDN with nothing left: stay quiet until closed */
      s->next_due = now;
      add_us(&s->next_due, 50 * 1000L);
    }
    /* Sleep until the next event is due (at most 5 ms, so a close is noticed): a report is
       delivered at its due time, as a switch would send it, not up to a poll later. */
    long wait = s->vdn == NULL ? 5000L : micros_between(&now, &s->next_due);
    pthread_mutex_unlock(&lock);
    sleep_us(wait < 1 ? 1 : wait > 5000L ? 5000L : wait);
  }
  s->reading = 0;
  if (s->closing) memset(s, 0, sizeof *s);
  pthread_mutex_unlock(&lock);
  return result;
}

DECLDLL long asai_errval(char *mes_buf) {
  if (mes_buf == NULL) return -1;
  size_t n = strlen(last_error);
  memcpy(mes_buf, last_error, n + 1);
  return (long) n;
}

DECLDLL long asai_close(int fd) {
  pthread_mutex_lock(&lock);
  sim_fd_t *s = slot(fd);
  if (s == NULL) {
    pthread_mutex_unlock(&lock);
    return fail("asai_close: bad fd");
  }
  if (s->reading) {
    s->closing = 1; /* the reader frees the slot as it returns */
  } else {
    memset(s, 0, sizeof *s);
  }
  pthread_mutex_unlock(&lock);
  return 0;
}
