/** The set-up forms of an entity, as a row of links under its title (shown to those who may change it). */
export function SetupLinks({ label, links }: { label: string; links: { href: string; text: string }[] }) {
  if (!links.length) return null;
  return (
    <nav class="setup-links actions" aria-label={label}>
      {links.map((l) => (
        <a class="button secondary" href={l.href}>
          {l.text}
        </a>
      ))}
    </nav>
  );
}
