// IndexedDB for tests of the renderer's database layer, in Node.
import 'fake-indexeddb/auto';
