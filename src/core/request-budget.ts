/**
 * Excel on the web limits one request and one response to 5 MB. Every write request and every read
 * response of the add-in is kept under this one budget, with headroom for the other operations that
 * share the request.
 */
export const OFFICE_REQUEST_BUDGET_BYTES = 4 * 1024 * 1024;
