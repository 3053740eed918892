"""第七条 支持科技成果转化 (市科技局).

A Yuncheng enterprise, university or research institute selling an achievement through the Shanxi
platform, converted in the city, gets 3% of the amount actually received; a Yuncheng enterprise
buying an achievement from outside the city under a registered contract gets 3% of the amount
actually paid. At most 5万 per achievement: its contracts are summed before the cap (I-12).
"""

from __future__ import annotations

from collections.abc import Iterator

from yc_sme_cli.profile import TechTransfer
from yc_sme_cli.result import AwardLine
from yc_sme_cli.text import Text, as_fields

from .common import capped_group
from .context import Context, condition

# role → (award id, its qualifying flags (field, fail message, pass message), the other role's flags)
ROLES = {
    "seller": (
        "art07.transfer_out",
        (
            ("via_shanxi_platform", "not_via_platform", "via_platform"),
            ("converted_in_city", "not_converted_in_city", "converted_in_city"),
        ),
        ("seller_outside_city", "contract_registered"),
    ),
    "buyer": (
        "art07.transfer_in",
        (
            ("seller_outside_city", "seller_not_outside_city", "seller_outside_city"),
            ("contract_registered", "contract_not_registered", "contract_registered"),
        ),
        ("via_shanxi_platform", "converted_in_city"),
    ),
}


def lines(ctx: Context) -> Iterator[AwardLine]:
    groups: dict[tuple[str, str], list[tuple[int, TechTransfer]]] = {}
    for i, contract in enumerate(ctx.profile.tech_transfers):
        groups.setdefault((contract.role, contract.achievement), []).append((i, contract))
        _warn_other_role_fields(ctx, i, contract)
    for role in ("seller", "buyer"):
        award_id, flags, _ = ROLES[role]
        award = ctx.policy.award(award_id)
        for (group_role, achievement), contracts in groups.items():
            if group_role != role:
                continue
            items = [
                (
                    i + 1,
                    contract.amount,
                    [
                        condition(getattr(contract, flag), f"tech_transfers[{i}].{flag}", fail_key, pass_key)
                        for flag, fail_key, pass_key in flags
                    ],
                )
                for i, contract in contracts
            ]
            yield from capped_group(ctx, award, achievement, items)


def _warn_other_role_fields(ctx: Context, i: int, contract: TechTransfer) -> None:
    """A buyer's flags on a seller's contract (or the reverse) are not used: say so, never drop silently."""
    _, _, others = ROLES[contract.role]
    given = as_fields(f"tech_transfers[{i}].{name}" for name in others if getattr(contract, name) is not None)
    if given:
        ctx.warn(
            "tech_transfer_field_ignored",
            Text.of("warn_field_for_other_role", fields=given, role=Text.of(f"role.{contract.role}")),
            f"tech_transfers[{i}]",
        )
