/** The nations of the United Kingdom, as people write them in locations. */
export const UK_NATIONS: Readonly<Record<string, string>> = {
  england: 'England', scotland: 'Scotland', wales: 'Wales', 'northern ireland': 'Northern Ireland', cymru: 'Wales',
};
