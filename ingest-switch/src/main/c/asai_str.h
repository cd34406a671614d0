/*
 * asai_str.h - the call-events project's own CVLAN/ASAI header.
 *
 * Modelled on the published CallVisor ASAI reference: the same function names, the same
 * struct shapes (asai_common_t at the head of every message, char* fields that point into the
 * message's own pool). The enum VALUES and sizes here are the project's, not Avaya's: the vendor
 * header is not public. Nothing in the Java binding hard-codes them; it reads a layout
 * descriptor produced by layout_probe.c compiled against whichever asai_str.h is present.
 *
 * A site with the real cvlancli library compiles layout_probe.c against the vendor's header and
 * points the service at the descriptor it prints (see README.md).
 */
#ifndef CALL_EVENTS_ASAI_STR_H
#define CALL_EVENTS_ASAI_STR_H

#ifdef _WIN32
#define DECLDLL __declspec(dllexport)
#else
#define DECLDLL __attribute__((visibility("default")))
#endif

#define C_DATSZ 1024

/* service_type values indicating capability */
typedef enum {
  C_3PCC = 0,
  C_3PMC = 1,
  C_3PAC = 2,
  C_EN_REQ = 23,   /* event notification request */
  C_EN_CAN = 24,   /* event notification cancel */
  C_EN_REP = 25,   /* event report */
  C_ABORT = 40,
  C_3PSSC_CONF = 58
} capability_t;

typedef enum {
  C_REQUEST = 0,
  C_INDICATION = 1,
  C_RESPONSE = 2,
  C_POS_ACK = 3,
  C_NEG_ACK = 4
} primitive_t;

/* asai_set_env characteristics */
typedef enum {
  C_NODE_ID = 1,
  C_TIMEOUT = 2
} env_char_t;

/* domains for event notification */
typedef enum {
  C_CALL_VECTOR = 1,
  C_ACD_SPLIT = 2,
  C_EXTENSION = 3
} domain_type_t;

/* event names carried by C_EN_REP */
typedef enum {
  C_OFFERED = 1,
  C_ALERTING = 2,
  C_CONNECTED = 3,
  C_ANSWERED = 4,
  C_QUEUED = 5,
  C_HOLD = 6,
  C_RECONNECT = 7,
  C_DROP = 8,
  C_CALL_ENDED = 9,
  C_TRANSFERRED = 10,
  C_CONFERENCED = 11
} event_name_t;

typedef struct {
  capability_t capability;
  primitive_t primitive_type;
  long cluster_id;
  long reserved;
} asai_common_t;

/* event notification request (C_EN_REQ / C_REQUEST): domain_ext points into pool */
typedef struct {
  asai_common_t asai_common;
  long domain_type;
  char *domain_ext;
  char pool[C_DATSZ];
} cv_info_t;

/* acknowledgement of a request (C_POS_ACK or C_NEG_ACK) */
typedef struct {
  asai_common_t asai_common;
  long cause;
} cv_ack_t;

typedef struct {
  long call_id;
  long party_id;
} party_id_t;

/* event report (C_EN_REP / C_INDICATION); every char* points into pool or is NULL */
typedef struct {
  asai_common_t asai_common;
  long event_name;
  party_id_t party;
  long old_call_id;      /* transferred / conferenced: the call merged away */
  long cause;
  char *calling_num;
  char *called_num;
  char *connected_num;
  char *ucid;
  char *split;
  char pool[C_DATSZ];
} en_rep_t;

DECLDLL int asai_open(const char *path, int flags);
DECLDLL long asai_set_env(int fd, long characteristic, void *arg);
DECLDLL long asai_send(int fd, const char *buf, long length);
DECLDLL long asai_rcv(int fd, char *buf, long length);
DECLDLL long asai_errval(char *mes_buf);
DECLDLL long asai_close(int fd);

#endif
