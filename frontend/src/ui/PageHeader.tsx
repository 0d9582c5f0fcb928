import { useEffect, useRef, type ReactNode } from "react";

interface PageHeaderProps {
  title: string;
  intro?: string;
  actions?: ReactNode;
}

/**
 * The page's heading. It takes the focus when the page opens, so that after a navigation
 * keyboard and screen-reader users start from the top of the new page.
 */
export function PageHeader({ title, intro, actions }: PageHeaderProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
    document.title = `${title} · crm360`;
  }, [title]);
  return (
    <header className="page-header">
      <div>
        <h1 ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        {intro && <p className="page-header__intro">{intro}</p>}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </header>
  );
}
