"""Lesson 11's policy lab: five decisions, their consequences through the book's models, and a brief.

A student governs a wealthy destination state and makes five choices: how hard to
enforce the border, whether to join a regional free-movement agreement, which
responsibility-sharing key to back, which citizenship rules to adopt and how far
to push down the cost of sending remittances. :func:`consequences` runs each
choice through the model the book built for it (Chapters 5 to 9), at the model's
default assumptions, and :func:`brief_text` writes a structured brief with those
numbers, the model each comes from and a place to say where the model is too simple.

:func:`brief` is the lesson's panel, as twins: live, labelled menus for the five
decisions, the numbers (announced to screen readers when they change) and a text
area with the brief, refilled from the choices until the student starts writing;
in the book, the brief at the default choices in a labelled text area the reader can
type in, with a note on how to fill it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, fields, replace

import ipywidgets as widgets

from migbook import data
from migbook.explorers.asylum_key import shares as key_shares_by_state
from migbook.explorers.citizenship import PRESETS, rules_in_words
from migbook.explorers.remittance_cost import inflows
from migbook.figures import Twin, live
from migbook.models import border_market, citizenship, free_movement, remittance_cost
from migbook.models.asylum_key import DEFAULTS as KEY_DEFAULTS

ENFORCEMENT = {  # multiples of the base effort -> words
    0.5: "half of today's effort", 1.0: "today's effort", 2.0: "double today's effort", 3.0: "triple today's effort",
}
FREE_MOVEMENT = {  # most moves allowed, a share of the partner region's workers -> words
    1.0: "join, with no cap on moves", 0.1: "join, with moves capped at 10 % of the partner's workers",
    0.0: "stay out",
}
KEYS = {  # weights on population, GDP, unemployment, past applications
    "Commission (40, 40, 10, 10)": (40, 40, 10, 10), "Population only": (100, 0, 0, 0),
    "GDP only": (0, 100, 0, 0), "Equal weights (25 each)": (25, 25, 25, 25),
}
REMITTANCE = {  # cost of sending, a share of the amount sent -> words
    remittance_cost.DEFAULTS.cost_now: "leave the cost where it is",
    round((remittance_cost.DEFAULTS.cost_now + remittance_cost.DEFAULTS.cost_target) / 2, 4): "halfway to the target",
    remittance_cost.DEFAULTS.cost_target: "meet the SDG target",
}
CITIZENSHIP_HORIZON = 30  # years: about one generation, the span a government plans for


@dataclass(frozen=True)
class Choices:
    """The five decisions; the defaults are the status quo of each model's explorer."""

    enforcement: float = border_market.DEFAULTS.enforcement
    free_movement: float = 0.0
    key: str = "Commission (40, 40, 10, 10)"
    citizenship: str = citizenship.DEFAULTS.preset
    remittance: float = remittance_cost.DEFAULTS.cost_now

    def __post_init__(self) -> None:
        menus = {"enforcement": ENFORCEMENT, "free_movement": FREE_MOVEMENT, "key": KEYS, "citizenship": PRESETS,
                 "remittance": REMITTANCE}
        for field in fields(self):
            value = getattr(self, field.name)
            if value not in menus[field.name]:
                raise ValueError(f"{field.name} must be one of {', '.join(map(str, menus[field.name]))}, "
                                 f"got {value!r}")


DEFAULTS = Choices()


@dataclass(frozen=True)
class Decision:
    """One decision's consequences: the choice in words, the numbers, the model that gives them and its limits."""

    heading: str
    choice: str
    numbers: tuple[tuple[str, str], ...]
    source: str
    limits: str


def border(level: float) -> Decision:
    """Chapter 7's smuggling market at ``level`` (multiples of the base effort) against today's effort."""
    today, chosen = (border_market.market(e).iloc[0] for e in (border_market.DEFAULTS.enforcement, level))

    def pair(column: str, form: str, scale: float = 1) -> str:
        return f"{form.format(scale * chosen[column])} (today's effort: {form.format(scale * today[column])})"

    return Decision(
        "Border enforcement", ENFORCEMENT[level],
        (("Crossing attempts", pair("crossings", "{:,.0f} thousand a year")),
         ("Smuggler's fee", pair("fee", "${:,.0f}")),
         ("Share of attempts on the dangerous route", pair("dangerous_share", "{:.0f} %", 100)),
         ("Expected deaths", pair("deaths", "{:,.0f} a year"))),
        "border market model of Chapter 7 (migbook.models.border_market), at its default market",
        "one linear market with made-up numbers; crossers know the odds; no effect on who stays once across, "
        "on the smugglers' organisation or on relations with neighbouring states")


def free_movement_stance(cap: float) -> Decision:
    """Chapter 5's two-region labour market under the chosen cap, at the model's default gap and cost."""
    d = free_movement.DEFAULTS
    out = {k: float(v) for k, v in free_movement.settle(d.gap, d.cost, d.labour_share, cap).items()}
    return Decision(
        "Regional free movement", FREE_MOVEMENT[cap],
        (("Partner region's workers who move", f"{100 * out['migrant_share']:.0f} %"),
         ("Wage here (the partner's starting wage = 1)", f"{out['wage_1_before']:.2f} to {out['wage_1']:.2f}"),
         ("Wage in the partner region", f"{out['wage_2_before']:.2f} to {out['wage_2']:.2f}"),
         ("Income of workers already here", f"{out['stayers_1']:+,.1f} million wage-years a year"),
         ("The bloc's income, net of moving costs", f"{out['world_net']:+,.1f} million wage-years a year")),
        f"two-region labour market of Chapter 5 (migbook.models.free_movement), at a wage gap of {d.gap:g} to 1",
        "two regions, one kind of worker and capital that never moves; everyone who gains by moving moves; "
        "no unemployment, public finances, return or politics of the agreement itself")


def sharing_key(name: str) -> Decision:
    """Chapter 6's distribution key with the chosen weights, against where people applied in the key's year."""
    year = KEY_DEFAULTS.year
    table = key_shares_by_state(*KEYS[name], year, int(KEY_DEFAULTS.associates))
    top = table.iloc[0]
    accept = int(table["accepts"].sum())
    return Decision(
        "Responsibility-sharing key", name,
        (("States that would receive no more than they did", f"{accept} of {len(table)} ({year})"),
         ("A majority of states on their own numbers?", "yes" if 2 * accept > len(table) else "no"),
         ("Largest key share", f"{top['country']}, {top['key_pct']:.1f} %")),
        f"distribution key of Chapter 6 (migbook.models.asylum_key), over the EU members of {year} "
        "(WDI and UNHCR data)",
        "each state judges the key only by its own numbers; no side payments, courts, qualified majority or "
        "asylum seekers' own choices of where to go")


def citizenship_rules(preset: str) -> Decision:
    """Chapter 8's citizenship simulator under a state's rules, at the model's default take-up and arrivals."""
    run = citizenship.simulate(**data.simulator_rules(preset))
    share, local = 100 * run["noncitizen_share"], 100 * run["local_share"]
    half = citizenship.years_to_halve(share)
    return Decision(
        "Citizenship rules", f"{PRESETS[preset]}: {rules_in_words(preset)}",
        (("Residents without citizenship", f"{share[0]:.1f} % now, {share[CITIZENSHIP_HORIZON]:.1f} % after "
                                           f"{CITIZENSHIP_HORIZON} years, {share[-1]:.1f} % after {len(share) - 1}"),
         (f"Of them, born in the country (after {len(share) - 1} years)", f"{local[-1]:.0f} %"),
         ("Years until the share halves", str(half) if half is not None else f"more than {len(share) - 1}")),
        "citizenship simulator of Chapter 8 (migbook.models.citizenship), with rules from GLOBALCIT",
        "one population with constant rates of arrival, departure, birth and take-up; rules never change; "
        "it says who may vote, not who does or how")


def remittances(cost: float) -> Decision:
    """The remittance model: what the chosen cost of sending brings the families of the default country."""
    d = remittance_cost.DEFAULTS
    out = {k: float(v) for k, v in remittance_cost.cut(inflows()[d.place], d.cost_now, cost, d.elasticity).items()}
    return Decision(
        "Remittance policy", f"{REMITTANCE[cost]} ({100 * cost:.2f} % of the amount sent)",
        ((f"Received in {d.place} ({d.year})", f"US$ {inflows()[d.place]:,.2f} billion"),
         ("Fees paid a year", f"US$ {1000 * out['fees_new']:,.0f} million (at today's cost: "
                              f"{1000 * out['fees']:,.0f} million)"),
         ("Families receive more by", f"US$ {1000 * out['gain']:,.0f} million a year")),
        "remittance-cost model of this lesson (migbook.models.remittance_cost), over WDI remittances "
        "received and the World Bank's 2023 average cost",
        "a government cannot set the price; migrants are assumed not to send more when it falls; informal "
        "transfers and what families do with the money are left out")


def consequences(choices: Choices = DEFAULTS) -> list[Decision]:
    """Each of the five decisions run through its model, in the order of the lesson."""
    return [border(choices.enforcement), free_movement_stance(choices.free_movement), sharing_key(choices.key),
            citizenship_rules(choices.citizenship), remittances(choices.remittance)]


def brief_text(choices: Choices = DEFAULTS) -> str:
    """The brief's template, with the numbers the choices produce and a place for the student's words."""
    lines = ["POLICY BRIEF: governing migration", "Prepared by: [your name]", "",
             "In one sentence: [what your government is trying to achieve]", ""]
    for i, decision in enumerate(consequences(choices), start=1):
        lines += [f"{i}. {decision.heading.upper()}: {decision.choice}",
                  f"Numbers from the {decision.source}:"]
        lines += [f"  - {label}: {value}" for label, value in decision.numbers]
        lines += ["Why I chose it: [two or three sentences]",
                  "Where the model is too simple for this decision: [one limit, and which way it cuts]", ""]
    lines += ["TRADE-OFFS: [which two of your decisions pull against each other, and why]",
              "WHAT I WOULD WATCH: [the first number you would check in a year's time]"]
    return "\n".join(lines)


def _numbers_html(decisions: list[Decision]) -> str:
    parts = []
    for d in decisions:
        items = "".join(f"<li>{html.escape(label)}: {html.escape(value)}</li>" for label, value in d.numbers)
        parts.append(f"<p><strong>{html.escape(d.heading)}:</strong> {html.escape(d.choice)}</p><ul>{items}</ul>"
                     f"<p><em>From the {html.escape(d.source)}.</em></p>")
    return "".join(parts)


@dataclass
class _StaticBrief:
    """The book's twin: the brief at the default choices, in a text area the reader can type in."""

    def to_html(self) -> str:
        text = brief_text(DEFAULTS)
        ident = "migbook-brief"
        return (f'<div class="migbook-brief"><p>At the default choices the models give the numbers below. In the '
                "live lesson the menus change them and the brief follows; in this page, type your brief in the box, "
                "replace each part in square brackets, and if you make other choices put in the numbers the "
                "panels above show for them. Copy the text out when you are done: the page does not keep it.</p>"
                f"{_numbers_html(consequences(DEFAULTS))}"
                f'<label for="{ident}">Your brief (a template filled with the default choices)</label>'
                f'<textarea id="{ident}" rows="30" cols="100" spellcheck="true">{html.escape(text)}</textarea>'
                "</div>")


def _menu(label: str, options: dict, value: object) -> widgets.Dropdown:
    return widgets.Dropdown(options=[(str(words), key) for key, words in options.items()], value=value,
                            description=label, style=live.CONTROL_STYLE, layout=live.control_layout())


def _live() -> widgets.VBox:
    menus = {
        "enforcement": _menu("Border enforcement", ENFORCEMENT, DEFAULTS.enforcement),
        "free_movement": _menu("Regional free movement", FREE_MOVEMENT, DEFAULTS.free_movement),
        "key": _menu("Sharing key", {k: k for k in KEYS}, DEFAULTS.key),
        "citizenship": _menu("Citizenship rules of", PRESETS, DEFAULTS.citizenship),
        "remittance": _menu("Cost of sending money", REMITTANCE, DEFAULTS.remittance),
    }
    numbers = widgets.HTML()
    text = widgets.Textarea(description="Your brief", style=live.CONTROL_STYLE,
                            layout=widgets.Layout(width="60em", height="36em"))
    note = widgets.HTML()
    refill = widgets.Button(description="Refill the brief from my choices", tooltip="Replaces the text of the brief",
                            layout=widgets.Layout(width="auto"))
    filled = {"text": ""}

    def chosen() -> Choices:
        return replace(DEFAULTS, **{name: menu.value for name, menu in menus.items()})

    def fill(_click: object = None) -> None:
        filled["text"] = text.value = brief_text(chosen())
        note.value = ""

    def update(_change: object = None) -> None:
        numbers.value = f'<div role="status" aria-live="polite">{_numbers_html(consequences(chosen()))}</div>'
        if text.value == filled["text"]:  # not edited yet: the brief follows the choices
            fill()
        else:
            note.value = live.status_html("Your brief has your own words, so it was not changed. Press the button "
                                          "to start it again from these choices.")

    for menu in menus.values():
        menu.observe(update, names="value")
    refill.on_click(fill)
    update()
    box = widgets.VBox([*menus.values(), numbers, text, refill, note])
    box.add_class("migbook-brief")
    box.menus, box.numbers, box.text, box.refill, box.note = menus, numbers, text, refill, note
    return box


def brief() -> Twin:
    """The lab's decision panel and brief: live menus and a text area in Voila, the default brief in the book."""
    return Twin(title="Policy brief", make_static=_StaticBrief, make_live=_live)
