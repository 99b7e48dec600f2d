import { type Static, Type } from 'typebox';
import { Body, Literals } from '../http/schemas.js';

/** Saved views of a list page (issue 12): per user, own views only. No server imports: web/ imports this too. */
export const SAVED_VIEW_PAGES = ['opportunities'] as const;
export const SavedViewPage = Literals(SAVED_VIEW_PAGES);
/** A user keeps at most this many views per page. */
export const MAX_VIEWS_PER_PAGE = 50;

/** The filters of a view: the page's address parameters, e.g. `{stage: 'B', businessLine: 'commodity'}`. */
export const ViewQuery = Type.Record(
  Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]{0,39}$' }),
  Type.String({ maxLength: 200 }),
  {
    maxProperties: 20,
  },
);

export const SavedView = Type.Object({
  id: Type.Integer(),
  page: SavedViewPage,
  name: Type.String(),
  query: Type.Record(Type.String(), Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type SavedViewDto = Static<typeof SavedView>;
export const SavedViewList = Type.Object({ items: Type.Array(SavedView) });

export const SavedViewListQuery = Type.Object({ page: SavedViewPage });
/** Save the filters under a name; a view of the same name on the same page is replaced. */
export const SaveViewRequest = Body({
  page: SavedViewPage,
  name: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' }),
  query: ViewQuery,
});
export type SaveView = Static<typeof SaveViewRequest>;
