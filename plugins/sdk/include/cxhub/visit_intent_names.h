/*
 * The visit intent attribute, the one place both cxhubd and the web plugins read it: a visit
 * (interaction kind VISIT) carries `visit_intent` with one of these values, indexed by the intent's
 * number (none 0, transactional 1, informational 2). Plain C99, like cxhub/connector.h.
 */
#ifndef CXHUB_VISIT_INTENT_NAMES_H_
#define CXHUB_VISIT_INTENT_NAMES_H_

#define CXHUB_VISIT_INTENT_ATTRIBUTE "visit_intent"

static const char* const kCxhubVisitIntentNames[] = {"none", "transactional", "informational"};

#endif /* CXHUB_VISIT_INTENT_NAMES_H_ */
