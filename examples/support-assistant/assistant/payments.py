"""A small client for the payments API (orders and refunds)."""

from __future__ import annotations

import os
from dataclasses import dataclass

import httpx

PAYMENTS_BASE_URL = "https://api.payments.example/v2"


@dataclass
class Order:
    order_id: str
    status: str
    amount_cents: int
    currency: str
    refundable: bool


class PaymentsClient:
    def __init__(self, token: str | None = None, transport: httpx.BaseTransport | None = None):
        self._http = httpx.Client(
            base_url=PAYMENTS_BASE_URL,
            headers={"Authorization": f"Bearer {token or os.environ['PAYMENTS_API_TOKEN']}"},
            timeout=5.0,
            transport=transport,
        )

    def order(self, order_id: str) -> Order:
        data = self._http.get(f"/orders/{order_id}").raise_for_status().json()
        return Order(
            order_id=data["id"],
            status=data["status"],
            amount_cents=data["amount_cents"],
            currency=data["currency"],
            refundable=data.get("refundable", False),
        )

    def refund(self, order_id: str, amount_cents: int, reason: str) -> str:
        response = self._http.post(
            "/refunds",
            json={"order_id": order_id, "amount_cents": amount_cents, "reason": reason},
        )
        return response.raise_for_status().json()["refund_id"]
