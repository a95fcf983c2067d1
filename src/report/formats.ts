/** The report formats, by name: kept apart from the renderers so that parsing options loads none of them. */
export const FORMATS = ['md', 'json', 'sarif', 'junit', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** File name ending of each format in --output-dir. */
export const EXTENSIONS: Record<Format, string> = {
  md: 'md',
  json: 'json',
  sarif: 'sarif',
  junit: 'junit.xml',
  html: 'html',
};
