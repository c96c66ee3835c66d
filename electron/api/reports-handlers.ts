/** Handlers of the report methods, merged into the router's handler map. */
export const reportsHandlers = {};
