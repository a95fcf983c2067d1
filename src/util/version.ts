/** gtp's version, as reports and the history store name it. */
export const GTP_VERSION = '0.1.0';
