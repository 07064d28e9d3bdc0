/** `/desk/search`: the public search's form and results, over every claim on the desk. */
import type { SessionUser } from '../../src/auth/sessions.js';
import { DeskPage } from '../layouts/desk.js';
import { SearchForm, SearchResultsSection, type SearchView } from '../pages/search.js';

export function DeskSearchPage(props: { user: SessionUser; view: SearchView }) {
  return (
    <DeskPage title="Search" user={props.user}>
      <h1>Search the desk</h1>
      <SearchForm {...props.view} />
      <SearchResultsSection {...props.view} />
    </DeskPage>
  );
}
