// Headline counters and the link card preview of the article edit form (articles.panels).
(() => {
  const format = (text, values) => text.replace(/%\((\w+)\)s/g, (_, key) => values[key]);
  const cut = (text, limit) => (text.length > limit ? `${text.slice(0, limit - 1).trimEnd()}…` : text);

  function counterAfter(input) {
    const counter = document.createElement('p');
    counter.className = 'link-card-counter';
    counter.dataset.counterFor = input.id;
    counter.setAttribute('aria-live', 'polite');
    input.insertAdjacentElement('afterend', counter);
    return counter;
  }

  function show(counter, value, warnings, texts) {
    const found = warnings.filter(Boolean);
    const count = format(texts.count, { count: value.length });
    counter.textContent = found.length ? `${count} — ${found.join(' ')}` : count;
    counter.classList.toggle('link-card-counter--warning', found.length > 0);
  }

  function start(root) {
    const form = root.closest('form');
    const texts = JSON.parse(document.getElementById('link-card-texts').textContent);
    const limits = {
      search: Number(root.dataset.searchLimit),
      card: Number(root.dataset.cardLimit),
      description: Number(root.dataset.descriptionLimit),
    };
    const field = (name) => form.querySelector(`[name="${name}"]`);
    const headline = field('headline');
    const social = field('social_headline');
    const lead = field('lead');
    if (!headline || !social) return;
    const counters = { headline: counterAfter(headline), social: counterAfter(social) };
    const tooLong = (value, limit, text) => value.length > limit && format(text, { limit });

    function update() {
      const mainTitle = headline.value.trim();
      const cardTitle = social.value.trim() || mainTitle;
      show(counters.headline, mainTitle, [
        tooLong(mainTitle, limits.search, texts.search),
        !social.value.trim() && tooLong(mainTitle, limits.card, texts.card),
      ], texts);
      show(counters.social, social.value.trim(), [
        tooLong(social.value.trim(), limits.card, texts.card),
      ], texts);
      root.querySelector('[data-card-title]').textContent = cardTitle || texts.noTitle;
      const description = (lead ? lead.value : '').replace(/\s+/g, ' ').trim();
      root.querySelector('[data-card-description]').textContent = cut(description, limits.description);
      showPicture();
    }

    function showPicture() {
      const chooser = document.getElementById('id_image-chooser');
      const chosen = chooser && !chooser.classList.contains('blank')
        && chooser.querySelector('[data-chooser-image]');
      const box = root.querySelector('[data-card-picture]');
      let picture = box.querySelector('img');
      if (chosen && chosen.getAttribute('src')) {
        if (!picture) {
          picture = document.createElement('img');
          picture.alt = '';
          box.prepend(picture);
        }
        picture.src = chosen.getAttribute('src');
      } else if (picture) {
        picture.remove();
      }
      box.querySelector('[data-card-no-picture]').hidden = Boolean(chosen);
    }

    form.addEventListener('input', update);
    form.addEventListener('change', update);
    // The image chooser changes its hidden input without an input event.
    const image = document.getElementById('id_image-chooser');
    if (image) new MutationObserver(showPicture).observe(image, { attributes: true, subtree: true });
    update();
  }

  const ready = () => document.querySelectorAll('[data-link-card]').forEach(start);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
})();
