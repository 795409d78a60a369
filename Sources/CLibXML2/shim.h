#ifndef ESIMTOOL_CLIBXML2_SHIM_H
#define ESIMTOOL_CLIBXML2_SHIM_H

// Debian builds libxml2 against the system ICU, and <libxml/encoding.h> then
// includes <unicode/ucnv.h>. Foundation on Linux carries its own ICU, and the two
// sets of declarations clash in one Clang module ("UErrorCode has different
// definitions"). We never call libxml2's ICU API, so switch it off before any
// other libxml2 header is read.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

#include <libxml/entities.h>

// `xmlFree` is a global function pointer, which Swift imports as a mutable
// global; a static inline wrapper is callable from Swift 6 without data-race
// diagnostics.
static inline void esim_xmlFree(void *pointer) {
    xmlFree(pointer);
}

// Per-parse state, hung on the parser context's `_private` field. The element
// callbacks below count depth and elements and stop the parser when a limit is
// reached, so a hostile document never grows past it.
typedef struct {
    int depth;
    int depthLimit;
    long elements;
    long elementLimit;
    /// 0: none; 1: depth limit; 2: element limit.
    int limitHit;
    /// Messages libxml2 sends to the context-less generic channel while parsing
    /// (character conversion failures). Counted here instead of printed.
    int genericErrors;
    /// Line at which a limit stopped the parser.
    int limitLine;
    startElementSAXFunc startElement;
    endElementSAXFunc endElement;
    startElementNsSAX2Func startElementNs;
    endElementNsSAX2Func endElementNs;
    /// The Swift diagnostics collector (an unretained reference).
    void *collector;
} esim_parse_state;

static inline int esim_enter(void *context) {
    xmlParserCtxtPtr parser = (xmlParserCtxtPtr)context;
    esim_parse_state *state = (esim_parse_state *)parser->_private;
    state->depth += 1;
    state->elements += 1;
    if (state->limitHit == 0 && (state->depth > state->depthLimit || state->elements > state->elementLimit)) {
        state->limitHit = state->depth > state->depthLimit ? 1 : 2;
        state->limitLine = parser->input != NULL ? parser->input->line : 0;
        xmlStopParser(parser);
    }
    return state->limitHit == 0;
}

static inline void esim_leave(void *context) {
    esim_parse_state *state = (esim_parse_state *)((xmlParserCtxtPtr)context)->_private;
    if (state->depth > 0) state->depth -= 1;
}

static void esim_start_element(void *context, const xmlChar *name, const xmlChar **attributes) {
    if (esim_enter(context))
        ((esim_parse_state *)((xmlParserCtxtPtr)context)->_private)->startElement(context, name, attributes);
}

static void esim_end_element(void *context, const xmlChar *name) {
    esim_parse_state *state = (esim_parse_state *)((xmlParserCtxtPtr)context)->_private;
    esim_leave(context);
    if (state->limitHit == 0) state->endElement(context, name);
}

static void esim_start_element_ns(void *context, const xmlChar *localname, const xmlChar *prefix,
                                  const xmlChar *URI, int nb_namespaces, const xmlChar **namespaces,
                                  int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
    if (esim_enter(context))
        ((esim_parse_state *)((xmlParserCtxtPtr)context)->_private)->startElementNs(
            context, localname, prefix, URI, nb_namespaces, namespaces, nb_attributes, nb_defaulted, attributes);
}

static void esim_end_element_ns(void *context, const xmlChar *localname, const xmlChar *prefix,
                                const xmlChar *URI) {
    esim_parse_state *state = (esim_parse_state *)((xmlParserCtxtPtr)context)->_private;
    esim_leave(context);
    if (state->limitHit == 0) state->endElementNs(context, localname, prefix, URI);
}

/// Puts the counting element callbacks in front of the context's own.
static inline void esim_install_limits(xmlParserCtxtPtr parser, esim_parse_state *state) {
    parser->_private = state;
    xmlSAXHandlerPtr sax = parser->sax;
    state->startElement = sax->startElement;
    state->endElement = sax->endElement;
    state->startElementNs = sax->startElementNs;
    state->endElementNs = sax->endElementNs;
    if (sax->startElement != NULL) sax->startElement = esim_start_element;
    if (sax->endElement != NULL) sax->endElement = esim_end_element;
    if (sax->startElementNs != NULL) sax->startElementNs = esim_start_element_ns;
    if (sax->endElementNs != NULL) sax->endElementNs = esim_end_element_ns;
}

static void esim_count_generic_error(void *context, const char *message, ...) {
    (void)message;
    if (context != NULL) ((esim_parse_state *)context)->genericErrors += 1;
}

/// libxml2 reports character-conversion failures on its generic channel, which
/// prints to stderr. For the duration of one parse, on this thread, they are
/// counted in `state` instead; the previous handler is handed back for
/// `esim_end_quiet`.
static inline void esim_begin_quiet(esim_parse_state *state, xmlGenericErrorFunc *savedFunction,
                                    void **savedContext) {
    *savedFunction = xmlGenericError;
    *savedContext = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(state, esim_count_generic_error);
}

static inline void esim_end_quiet(xmlGenericErrorFunc savedFunction, void *savedContext) {
    xmlSetGenericErrorFunc(savedContext, savedFunction);
}

/// Whether the document declares entities of its own in an internal subset.
static inline int esim_has_declared_entities(xmlDocPtr document) {
    return document->intSubset != NULL && document->intSubset->entities != NULL;
}

#endif
