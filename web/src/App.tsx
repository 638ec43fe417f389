/** The page frame (header: home, the review queue, search, editor key) and the page the path names. */
import { useState, type FormEvent } from 'react';
import { setEditorKey, useEditorKey } from './editor-key';
import { Article } from './pages/Article';
import { Deployment } from './pages/Deployment';
import { Holder } from './pages/Holder';
import { Home } from './pages/Home';
import { Position } from './pages/Position';
import { ReviewQueue } from './pages/ReviewQueue';
import { Search } from './pages/Search';
import { Link, navigate, paths, routeId, useLocation } from './router';

function Page({ path, search }: { path: string; search: URLSearchParams }) {
  let id: string | null;
  if (path === '/') return <Home />;
  if (path === '/search') return <Search query={search.get('q') ?? ''} />;
  if (path === paths.review()) return <ReviewQueue />;
  if ((id = routeId(path, 'deployments'))) return <Deployment key={id} id={id} search={search} />;
  if ((id = routeId(path, 'positions'))) return <Position key={id} id={id} />;
  if ((id = routeId(path, 'articles'))) return <Article key={id} id={id} />;
  if ((id = routeId(path, 'actors')) ?? (id = routeId(path, 'officials'))) return <Holder key={id} id={id} />;
  return <p role="alert">No page here.</p>;
}

function EditorKey() {
  const key = useEditorKey();
  const [editing, setEditing] = useState(false);
  if (key && !editing) {
    return (
      <span className="editor-key">
        Editing{' '}
        <button type="button" onClick={() => setEditorKey('')}>
          Forget key
        </button>
      </span>
    );
  }
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('key');
    setEditorKey(typeof value === 'string' ? value.trim() : '');
    setEditing(false);
  };
  return (
    <form className="editor-key" onSubmit={save}>
      <label>
        Editor key <input name="key" type="password" autoComplete="off" size={12} />
      </label>
      <button type="submit">Use</button>
    </form>
  );
}

export function App() {
  const { path, search } = useLocation();
  const runSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const query = new FormData(event.currentTarget).get('q');
    if (typeof query === 'string' && query.trim()) navigate(paths.search(query.trim()));
  };
  return (
    <>
      <header>
        <Link to="/" className="brand">
          stancegraph
        </Link>
        <nav aria-label="Site">
          <Link to={paths.review()} aria-current={path === paths.review() ? 'page' : undefined}>
            Review queue
          </Link>
        </nav>
        <form role="search" onSubmit={runSearch}>
          <input name="q" type="search" aria-label="Search" placeholder="Search (Seongju, THAAD…)" defaultValue={search.get('q') ?? ''} key={path} />
        </form>
        <EditorKey />
      </header>
      <main>
        <Page path={path} search={search} />
      </main>
    </>
  );
}
