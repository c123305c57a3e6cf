// Which "?" help is open: one for the whole page, so hovering or focusing a second one closes the first.
export const openHelp = $state<{ id: string | null }>({ id: null });
