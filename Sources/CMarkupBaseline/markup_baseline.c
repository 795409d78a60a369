#include "markup_baseline.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

static const int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER
    | HTML_PARSE_COMPACT | XML_PARSE_HUGE;

static void quiet(void *context, xmlErrorPtr error) {
    (void)context;
    (void)error;
}

static void silent(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static htmlDocPtr parse(const unsigned char *page, size_t size) {
    // Character-conversion failures go to libxml2's generic channel; keep stderr quiet,
    // as ESIMMarkup does.
    xmlSetGenericErrorFunc(NULL, silent);
    htmlParserCtxtPtr context = htmlNewParserCtxt();
    if (context == NULL) return NULL;
    htmlDocPtr document = htmlCtxtReadMemory(context, (const char *)page, (int)size, NULL, NULL, options);
    htmlFreeParserCtxt(context);
    return document;
}

static long count_elements(xmlNodePtr node) {
    long count = 0;
    while (node != NULL) {
        if (node->type == XML_ELEMENT_NODE) count += 1;
        if (node->children != NULL) {
            node = node->children;
            continue;
        }
        while (node != NULL && node->next == NULL) node = node->parent;
        if (node != NULL) node = node->next;
    }
    return count;
}

long esim_baseline_parse(const unsigned char *const *pages, const size_t *sizes, size_t count) {
    xmlInitParser();
    long elements = 0;
    for (size_t index = 0; index < count; index++) {
        htmlDocPtr document = parse(pages[index], sizes[index]);
        if (document == NULL) return -1;
        elements += xmlDocGetRootElement(document) != NULL ? 1 : 0;
        xmlFreeDoc(document);
    }
    return elements;
}

long esim_baseline_extract(const unsigned char *const *pages, const size_t *sizes, size_t count,
                           const char *const *rules, size_t ruleCount, long *hits) {
    xmlInitParser();
    xmlXPathCompExprPtr compiled[64];
    if (ruleCount > 64) return -1;
    for (size_t rule = 0; rule < ruleCount; rule++) {
        compiled[rule] = xmlXPathCompile((const xmlChar *)rules[rule]);
        if (compiled[rule] == NULL) return -1;
    }
    long bytes = 0;
    *hits = 0;
    for (size_t index = 0; index < count; index++) {
        htmlDocPtr document = parse(pages[index], sizes[index]);
        if (document == NULL) return -1;
        for (size_t rule = 0; rule < ruleCount; rule++) {
            xmlXPathContextPtr context = xmlXPathNewContext(document);
            context->error = quiet;
            xmlXPathObjectPtr result = xmlXPathCompiledEval(compiled[rule], context);
            if (result != NULL && result->type == XPATH_NODESET && result->nodesetval != NULL
                && result->nodesetval->nodeNr > 0) {
                xmlChar *text = xmlNodeGetContent(result->nodesetval->nodeTab[0]);
                if (text != NULL) {
                    bytes += xmlStrlen(text);
                    xmlFree(text);
                }
                *hits += 1;
            }
            xmlXPathFreeObject(result);
            xmlXPathFreeContext(context);
        }
        xmlFreeDoc(document);
    }
    for (size_t rule = 0; rule < ruleCount; rule++) xmlXPathFreeCompExpr(compiled[rule]);
    return bytes;
}

long esim_baseline_parse_one(const unsigned char *page, size_t size) {
    xmlInitParser();
    htmlDocPtr document = parse(page, size);
    if (document == NULL) return -1;
    long elements = count_elements(xmlDocGetRootElement(document));
    xmlFreeDoc(document);
    return elements;
}
