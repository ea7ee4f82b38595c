"""The search form: words plus combinable filters, all kept in the URL (GET)."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from interventions.models import Aspect, PreventionLevel, Theme
from interventions.search import SECTIONS, Criteria


def _with_all(label, choices):
    return [("", label), *choices]


class CatalogueSearchForm(forms.Form):
    """Field names are the Dutch URL parameters (`?q=…&thema=…`).

    An invalid filter value (an old or edited link) shows an error on that field and is
    ignored; the other filters and the words still apply.
    """

    q = forms.CharField(
        label=_("Zoekwoorden"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"class": "form-control"}),
    )
    type = forms.ChoiceField(label=_("Interventietype"), required=False)
    thema = forms.ChoiceField(
        label=_("Thema van de les"),
        required=False,
        choices=_with_all(_("Alle thema’s"), Theme.choices),
    )
    aspect = forms.ChoiceField(
        label=_("Aspect van het werkzame element"),
        required=False,
        choices=_with_all(_("Alle aspecten"), Aspect.choices),
    )
    niveau = forms.ChoiceField(
        label=_("Preventieniveau van de interventie"),
        required=False,
        choices=_with_all(_("Alle niveaus"), PreventionLevel.choices),
    )
    soort = forms.ChoiceField(label=_("Soort resultaat"), required=False)

    FILTER_NAMES = ("type", "thema", "aspect", "niveau", "soort")

    def __init__(self, data, *, types):
        super().__init__(data)
        self.fields["type"].choices = _with_all(_("Alle typen"), [(t.slug, t.name) for t in types])
        self.fields["soort"].choices = _with_all(
            _("Alle soorten"), [(s.kind, s.plural) for s in SECTIONS]
        )
        for name in self.FILTER_NAMES:
            self.fields[name].widget.attrs["class"] = "form-select"

    def criteria(self) -> Criteria:
        """The valid part of the input as search criteria."""
        self.is_valid()
        data = self.cleaned_data
        return Criteria(
            text=data.get("q", ""),
            type=data.get("type", ""),
            theme=data.get("thema", ""),
            aspect=data.get("aspect", ""),
            level=data.get("niveau", ""),
            kind=data.get("soort", ""),
        )

    def filter_fields(self):
        return [self[name] for name in self.FILTER_NAMES]

    def _url_with(self, **changes) -> str:
        """The search URL with the current words and filters, some changed or dropped."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        # Cleaned values only: a bad filter value is not carried into new links.
        params = {name: self.cleaned_data.get(name, "") for name in ("q", *self.FILTER_NAMES)}
        params.update(changes)
        kept = {name: value for name, value in params.items() if value}
        return "?" + urlencode(kept) if kept else "?"

    def active_filters(self):
        """(field label, chosen value's label, URL without this filter) per valid filter."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        active = []
        for name in self.FILTER_NAMES:
            value = self.cleaned_data.get(name)
            if value:
                choice_label = dict(self.fields[name].choices).get(value, value)
                active.append((self.fields[name].label, choice_label, self._url_with(**{name: ""})))
        return active

    def kind_links(self, counts):
        """(plural label, count, URL, is current) per kind, keeping the other filters."""
        current = self.cleaned_data.get("soort", "") if hasattr(self, "cleaned_data") else ""
        links = [(_("Alles"), sum(counts.values()), self._url_with(soort=""), not current)]
        for section in SECTIONS:
            links.append(
                (
                    section.plural,
                    counts.get(section.kind, 0),
                    self._url_with(soort=section.kind),
                    current == section.kind,
                )
            )
        return links
