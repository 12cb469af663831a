/*
 * The host's limits on what a connector plugin hands it: the one place both cxhubd and the
 * plugins read them. Plain C99, like cxhub/connector.h.
 *
 * cxhubd refuses a record over these sizes (the record becomes a dead letter with the reason) and
 * a checkpoint cursor over CXHUB_LIMIT_CURSOR_BYTES (the read fails). A plugin therefore clips
 * text to them and makes it valid UTF-8 before it emits, marking what it changed in an attribute,
 * so that nothing becomes a dead letter for its size or encoding alone. The server configuration
 * (`limits`) may raise the record limits; these are the defaults, and what a plugin can count on.
 */
#ifndef CXHUB_CONNECTOR_LIMITS_H_
#define CXHUB_CONNECTOR_LIMITS_H_

/* Names, ids, subjects, thread ids, identity values, display names, attribute keys. */
#define CXHUB_LIMIT_FIELD_BYTES 1024
/* Bodies, survey comments and questions, attribute values. */
#define CXHUB_LIMIT_BODY_BYTES (1 << 20)
/* Attributes of one interaction. */
#define CXHUB_LIMIT_ATTRIBUTES 64
/* Customer identities of one record. */
#define CXHUB_LIMIT_IDENTITIES 32
/* A checkpoint cursor. */
#define CXHUB_LIMIT_CURSOR_BYTES (64 * 1024)
/* One serialized record: the sum of the above with room to spare. */
#define CXHUB_LIMIT_RECORD_BYTES (4 << 20)
/*
 * The raw bytes kept with a dead letter; longer raw data is cut to this size and the dead letter's
 * reason notes the original size.
 */
#define CXHUB_LIMIT_DEAD_LETTER_RAW_BYTES (1 << 20)

#endif /* CXHUB_CONNECTOR_LIMITS_H_ */
