import { useEffect, useId, useRef, useState } from 'react';
import { Icon } from '../common/icons.tsx';
import { useI18n } from '../i18n/i18n-context.ts';
import { useMe, useSession } from '../session/session-context.ts';

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0]];
  return letters.map((part) => part?.charAt(0) ?? '').join('').toUpperCase() || '?';
}

export function UserMenu() {
  const { t } = useI18n();
  const { signOut } = useSession();
  const { user } = useMe();
  const [open, setOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const scope = user.allTenants ? t('user.allTenants') : t('user.tenantCount', { count: user.tenantIds.length });

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`${t('user.menu')}: ${user.name}`}
        data-testid="user-menu"
        onClick={() => setOpen((value) => !value)}
      >
        <span className="avatar" aria-hidden="true">
          {initialsOf(user.name)}
        </span>
        <span className="user-menu__name">{user.name}</span>
        <Icon name="chevronDown" size={16} />
      </button>
      {open ? (
        <div className="user-menu__panel" id={menuId}>
          <div className="user-menu__who">
            <strong>{user.name}</strong>
            <span>{user.email}</span>
            <span className="user-menu__role">
              {t(`role.${user.role}`)} · {scope}
            </span>
          </div>
          <button
            type="button"
            className="user-menu__item"
            data-testid="logout"
            disabled={leaving}
            onClick={() => {
              setLeaving(true);
              void signOut();
            }}
          >
            <Icon name="logout" size={16} />
            {t('user.logout')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
