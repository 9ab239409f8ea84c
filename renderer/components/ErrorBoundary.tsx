import { Component, type ReactNode } from 'react';

/**
 * Catches a fault in one part of the UI so the rest stays usable: the data is safe in the database (every change
 * is its own transaction), so the user can simply try again or reload.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; label: string; resetKey?: unknown }, { error: Error | null; key?: unknown }> {
  override state: { error: Error | null; key?: unknown } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey?: unknown }, state: { error: Error | null; key?: unknown }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error): void {
    console.warn(`${this.props.label}: ${error.message}`);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-panel" role="alert">
        <h2>{this.props.label} stopped working</h2>
        <p>Your work is saved. {this.state.error.message}</p>
        <div className="empty-actions">
          <button type="button" className="primary" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          <button type="button" onClick={() => window.location.reload()}>
            Reload Tessera
          </button>
        </div>
      </div>
    );
  }
}
