import type { ReactNode } from 'react';
import { useTitle } from '../useTitle.ts';
import { RequireSignIn } from './RequireSignIn.tsx';

/**
 * A page of a section: its title (also the document's), the section's navigation, and content that needs a
 * signed-in account allowed to take `permission` (when given).
 */
export function PageFrame({
  title,
  titleLang,
  nav,
  permission,
  narrow,
  children,
}: {
  title: string;
  titleLang?: string;
  nav: ReactNode;
  permission?: string;
  narrow?: boolean;
  children: ReactNode;
}) {
  useTitle(title);
  const content = (
    <>
      <h1 lang={titleLang}>{title}</h1>
      {nav}
      {permission ? <RequireSignIn permission={permission}>{children}</RequireSignIn> : children}
    </>
  );
  return narrow ? <div className="narrow wide">{content}</div> : content;
}
