"""Legacy: an API in Polar's style with one deliberate deviation per guideline.

Every operation and schema is conforming except for the one deviation it is there for, so each
finding restcheck reports can be traced to one line of the table below (`DEVIATIONS` holds the
same table as data, for tests). valid-openapi and the live-* rules are not covered here.

| rule                      | where                         | deviation                    |
|---------------------------|-------------------------------|------------------------------|
| version-prefix            | /webhook-endpoints/           | no `/v1/` prefix             |
| plural-resources          | /v1/invoice/                  | singular, with `{id}` items  |
|                           | /v1/line-item/                | compound, last word singular |
| standard-methods          | PUT /v1/tax-rates/{id}        | PUT instead of PATCH         |
| read-status               | GET /v1/discounts/{id}        | a read answering 201         |
| create-status             | POST /v1/coupons/             | a create answering 200       |
| update-status             | PATCH /v1/benefits/{id}       | an update answering 202      |
| delete-status             | DELETE /v1/subscriptions/{id} | 200 with the object          |
| validation-error-422      | POST /v1/checkouts/           | 422 is a BusinessError       |
| write-returns-read-schema | POST /v1/meters/              | answers MeterSummary         |
| list-envelope             | GET /v1/payouts/              | a bare array                 |
|                           | GET /v1/transactions/         | pagination lacks max_page    |
| pagination-params         | GET /v1/files/                | `offset`, no `page`          |
|                           | GET /v1/events/               | `limit` unbounded            |
| sorting-param             | GET /v1/organizations/        | free-text `order_by`         |
|                           | GET /v1/members/              | `email` without `-email`     |
| list-item-consistency     | GET /v1/license-keys/         | items differ from read       |
| multi-value-filters       | GET /v1/orders/               | one `customer_id` only       |
| no-implicit-filters       | GET /v1/products/             | `active` defaults to true    |
| organization-filter       | GET /v1/benefit-grants/       | no `organization_id`         |
| no-shape-params           | GET /v1/refunds/{id}          | `include` parameter          |
| snake-case-fields         | schema Contact                | property `firstName`         |
|                           | GET /v1/contacts/             | parameter `emailDomain`      |
| separate-write-schemas    | POST /v1/notes/               | body is the read Note        |
| partial-update            | PATCH /v1/event-types/{id}    | `label` required             |
| timestamps                | schema Download               | no modified_at               |
|                           | schema WebhookDelivery        | created_at a plain string    |
| schema-docs               | schema Attachment             | no descriptions              |
| auth-subject              | GET /v1/currencies/{code}     | no security at all           |
|                           | GET /v1/audit-logs/{id}       | subject "Admin"              |

Excused inline (`x-restcheck-ignore`, see `EXCUSED`): the PUT on
`/v1/oauth2/clients/{client_id}` (standard-methods) and schema `LegacyBlob` (schema-docs).

Serve it with `uvicorn specs.legacy.app:app` from the repository root; any bearer token is
accepted, no token gets 401 (except on the unsecured operation).
"""

import math
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from pydantic import UUID4, ConfigDict, Field

from specs.kit import (
    ADMIN,
    CustomerID,
    IDSchema,
    ListResource,
    MultipleQueryFilter,
    NotFoundError,
    OrganizationID,
    Pagination,
    PaginationParams,
    PaginationParamsQuery,
    Repository,
    Schema,
    Sorting,
    TimestampedSchema,
    admin_auth,
    allowed_subjects,
    create_app,
    new_id,
    not_found,
    now,
    sample,
    sort_enum,
    sorting_dependency,
)

# rule id -> where it is broken: a path ("/v1/x/", for path rules), an operation
# ("METHOD /v1/x/") or a schema ("schema Name").
DEVIATIONS: dict[str, list[str]] = {
    "version-prefix": ["/webhook-endpoints/"],
    "plural-resources": ["/v1/invoice/", "/v1/line-item/"],
    "standard-methods": ["PUT /v1/tax-rates/{id}"],
    "read-status": ["GET /v1/discounts/{id}"],
    "create-status": ["POST /v1/coupons/"],
    "update-status": ["PATCH /v1/benefits/{id}"],
    "delete-status": ["DELETE /v1/subscriptions/{id}"],
    "validation-error-422": ["POST /v1/checkouts/"],
    "write-returns-read-schema": ["POST /v1/meters/"],
    "list-envelope": ["GET /v1/payouts/", "GET /v1/transactions/"],
    "pagination-params": ["GET /v1/files/", "GET /v1/events/"],
    "sorting-param": ["GET /v1/organizations/", "GET /v1/members/"],
    "list-item-consistency": ["GET /v1/license-keys/"],
    "multi-value-filters": ["GET /v1/orders/"],
    "no-implicit-filters": ["GET /v1/products/"],
    "organization-filter": ["GET /v1/benefit-grants/"],
    "no-shape-params": ["GET /v1/refunds/{id}"],
    "snake-case-fields": ["schema Contact", "GET /v1/contacts/"],
    "separate-write-schemas": ["POST /v1/notes/"],
    "partial-update": ["PATCH /v1/event-types/{id}"],
    "timestamps": ["schema Download", "schema WebhookDelivery"],
    "schema-docs": ["schema Attachment"],
    "auth-subject": ["GET /v1/currencies/{code}", "GET /v1/audit-logs/{id}"],
}

# Deviations excused inline with `x-restcheck-ignore`: restcheck must not report them.
EXCUSED: dict[str, list[str]] = {
    "standard-methods": ["PUT /v1/oauth2/clients/{client_id}"],
    "schema-docs": ["schema LegacyBlob"],
}

ID = Annotated[UUID4, Path(description="The object ID.")]
ADMIN_SUBJECTS = allowed_subjects(*ADMIN)


def name_field() -> Any:
    return Field(description="The name of the object.", examples=["Example"])


def read_scope(name: str) -> Any:
    return admin_auth(f"{name}:read")


def write_scope(name: str) -> Any:
    return admin_auth(f"{name}:write")


def sorting_by(name: str, *fields: str) -> Any:
    """A `sorting` parameter over `fields` (with their `-` twins), enum `{name}SortProperty`."""
    return Depends(sorting_dependency(sort_enum(f"{name}SortProperty", fields)))


router = APIRouter()

# =========================================================================== version-prefix


class WebhookEndpoint(TimestampedSchema, IDSchema):
    """A URL receiving webhook events."""

    url: str = Field(description="The URL events are sent to.", examples=["https://x.test/hook"])


webhook_endpoints = Repository(WebhookEndpoint, [sample(WebhookEndpoint)])


# DEVIATION version-prefix: the path lacks the `/v1/` base.
@router.get(
    "/webhook-endpoints/",
    tags=["webhooks"],
    summary="List Webhook Endpoints",
    response_model=ListResource[WebhookEndpoint],
    dependencies=[read_scope("webhooks")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def list_webhook_endpoints(
    pagination: PaginationParamsQuery,
    sorting: Annotated[Sorting, sorting_by("WebhookEndpoint", "created_at", "url")],
) -> ListResource[WebhookEndpoint]:
    """List webhook endpoints."""
    return webhook_endpoints.page(pagination, sorting)


# =========================================================================== plural-resources


class Invoice(TimestampedSchema, IDSchema):
    """An invoice."""

    number: str = Field(description="The invoice number.", examples=["INV-0001"])


class LineItem(TimestampedSchema, IDSchema):
    """A line of an invoice."""

    label: str = Field(description="What the line bills.", examples=["Pro plan"])
    amount: int = Field(description="Amount in cents.", examples=[1500])


invoices = Repository(Invoice, [sample(Invoice)])
line_items = Repository(LineItem, [sample(LineItem)])
InvoiceSortProperty = sort_enum("InvoiceSortProperty", ["created_at", "number"])
LineItemSortProperty = sort_enum("LineItemSortProperty", ["created_at", "amount"])


# DEVIATION plural-resources: `invoice` is a singular collection (it has `{id}` items).
@router.get(
    "/v1/invoice/",
    tags=["invoices"],
    summary="List Invoices",
    response_model=ListResource[Invoice],
    dependencies=[read_scope("invoices")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def list_invoices(
    pagination: PaginationParamsQuery,
    sorting: Annotated[Sorting, Depends(sorting_dependency(InvoiceSortProperty))],
) -> ListResource[Invoice]:
    """List invoices."""
    return invoices.page(pagination, sorting)


# Item of `invoice` (the deviation is the collection name, reported once on its path).
@router.get(
    "/v1/invoice/{id}",
    tags=["invoices"],
    summary="Get Invoice",
    response_model=Invoice,
    responses=not_found("Invoice"),
    dependencies=[read_scope("invoices")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_invoice(id: ID) -> Invoice:
    """Get an invoice."""
    return invoices.get(id)


# DEVIATION plural-resources: compound `line-item`, its last word singular.
@router.get(
    "/v1/line-item/",
    tags=["invoices"],
    summary="List Line Items",
    response_model=ListResource[LineItem],
    dependencies=[read_scope("invoices")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def list_line_items(
    pagination: PaginationParamsQuery,
    sorting: Annotated[Sorting, Depends(sorting_dependency(LineItemSortProperty))],
) -> ListResource[LineItem]:
    """List invoice lines."""
    return line_items.page(pagination, sorting)


# Item of `line-item` (the deviation is the collection name, reported once on its path).
@router.get(
    "/v1/line-item/{id}",
    tags=["invoices"],
    summary="Get Line Item",
    response_model=LineItem,
    responses=not_found("Line item"),
    dependencies=[read_scope("invoices")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_line_item(id: ID) -> LineItem:
    """Get an invoice line."""
    return line_items.get(id)


# =========================================================================== standard-methods


class TaxRate(TimestampedSchema, IDSchema):
    """A tax rate applied to sales in a country."""

    country: str = Field(description="ISO 3166-1 alpha-2 country code.", examples=["DK"])
    basis_points: int = Field(description="Rate in basis points.", examples=[2500])


class TaxRateUpdate(Schema):
    """Changes to a tax rate; fields left out are kept."""

    basis_points: int | None = Field(
        default=None, description="Rate in basis points.", examples=[2500]
    )


tax_rates = Repository(TaxRate, [sample(TaxRate)])


@router.get(
    "/v1/tax-rates/{id}",
    tags=["tax_rates"],
    summary="Get Tax Rate",
    response_model=TaxRate,
    responses=not_found("Tax rate"),
    dependencies=[read_scope("tax_rates")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_tax_rate(id: ID) -> TaxRate:
    """Get a tax rate."""
    return tax_rates.get(id)


# DEVIATION standard-methods: PUT (answering like a conforming update otherwise).
@router.put(
    "/v1/tax-rates/{id}",
    tags=["tax_rates"],
    summary="Replace Tax Rate",
    response_model=TaxRate,
    responses=not_found("Tax rate"),
    dependencies=[write_scope("tax_rates")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def put_tax_rate(id: ID, tax_rate_update: TaxRateUpdate) -> TaxRate:
    """Replace a tax rate."""
    return tax_rates.update(id, tax_rate_update)


class OAuth2Client(TimestampedSchema, IDSchema):
    """An OAuth2 client registered by an organization."""

    client_id: str = Field(description="The OAuth2 client ID.", examples=["polar_ci_123"])
    client_name: str = Field(description="Name shown to users.", examples=["My app"])


class OAuth2ClientUpdate(Schema):
    """Changes to an OAuth2 client; fields left out are kept."""

    client_name: str | None = Field(
        default=None, description="Name shown to users.", examples=["My app"]
    )


oauth2_clients = Repository(OAuth2Client, [sample(OAuth2Client)])
ClientIDPath = Annotated[str, Path(description="The OAuth2 client ID.")]


@router.get(
    "/v1/oauth2/clients/{client_id}",
    tags=["oauth2"],
    summary="Get OAuth2 Client",
    response_model=OAuth2Client,
    responses=not_found("OAuth2 client"),
    dependencies=[read_scope("oauth2")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_oauth2_client(client_id: ClientIDPath) -> OAuth2Client:
    """Get an OAuth2 client."""
    return oauth2_clients.find(client_id=client_id)


# EXCUSED standard-methods: a PUT kept for old clients, excused inline for restcheck.
@router.put(
    "/v1/oauth2/clients/{client_id}",
    tags=["oauth2"],
    summary="Replace OAuth2 Client",
    response_model=OAuth2Client,
    responses=not_found("OAuth2 client"),
    dependencies=[write_scope("oauth2")],
    openapi_extra=allowed_subjects(
        *ADMIN, extra={"x-restcheck-ignore": {"standard-methods": "kept for old clients"}}
    ),
)
async def put_oauth2_client(
    client_id: ClientIDPath, oauth2_client_update: OAuth2ClientUpdate
) -> OAuth2Client:
    """Replace an OAuth2 client (RFC 7592 client configuration)."""
    client = oauth2_clients.find(client_id=client_id)
    return oauth2_clients.update(client.id, oauth2_client_update)


# =========================================================================== read-status


class Discount(TimestampedSchema, IDSchema):
    """A discount applied at checkout."""

    code: str = Field(description="The code customers enter.", examples=["SUMMER"])
    percent_off: int = Field(description="Percentage taken off.", examples=[20])


discounts = Repository(Discount, [sample(Discount)])


# DEVIATION read-status: a read answering 201 instead of 200.
@router.get(
    "/v1/discounts/{id}",
    tags=["discounts"],
    summary="Get Discount",
    status_code=201,
    response_model=Discount,
    responses=not_found("Discount"),
    dependencies=[read_scope("discounts")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_discount(id: ID) -> Discount:
    """Get a discount."""
    return discounts.get(id)


# =========================================================================== create-status


class Coupon(TimestampedSchema, IDSchema):
    """A coupon worth a fixed amount."""

    code: str = Field(description="The code customers enter.", examples=["WELCOME"])
    amount_off: int = Field(description="Amount taken off, in cents.", examples=[500])


class CouponCreate(Schema):
    """Data to create a coupon."""

    code: str = Field(description="The code customers enter.", examples=["WELCOME"])
    amount_off: int = Field(description="Amount taken off, in cents.", examples=[500])


coupons = Repository(Coupon, [sample(Coupon)])


# DEVIATION create-status: a create answering 200 instead of 201.
@router.post(
    "/v1/coupons/",
    tags=["coupons"],
    summary="Create Coupon",
    response_model=Coupon,
    dependencies=[write_scope("coupons")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def create_coupon(coupon_create: CouponCreate) -> Coupon:
    """Create a coupon."""
    return coupons.add(
        Coupon(id=new_id(), created_at=now(), modified_at=None, **coupon_create.model_dump())
    )


@router.get(
    "/v1/coupons/{id}",
    tags=["coupons"],
    summary="Get Coupon",
    response_model=Coupon,
    responses=not_found("Coupon"),
    dependencies=[read_scope("coupons")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_coupon(id: ID) -> Coupon:
    """Get a coupon."""
    return coupons.get(id)


# =========================================================================== update-status


class Benefit(TimestampedSchema, IDSchema):
    """A benefit granted to customers of a product."""

    description: str = Field(description="What the customer gets.", examples=["Discord role"])


class BenefitUpdate(Schema):
    """Changes to a benefit; fields left out are kept."""

    description: str | None = Field(
        default=None, description="What the customer gets.", examples=["Discord role"]
    )


benefits = Repository(Benefit, [sample(Benefit)])


@router.get(
    "/v1/benefits/{id}",
    tags=["benefits"],
    summary="Get Benefit",
    response_model=Benefit,
    responses=not_found("Benefit"),
    dependencies=[read_scope("benefits")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_benefit(id: ID) -> Benefit:
    """Get a benefit."""
    return benefits.get(id)


# DEVIATION update-status: an update answering 202 instead of 200 (same read schema).
@router.patch(
    "/v1/benefits/{id}",
    tags=["benefits"],
    summary="Update Benefit",
    status_code=202,
    response_model=Benefit,
    responses=not_found("Benefit"),
    dependencies=[write_scope("benefits")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def update_benefit(id: ID, benefit_update: BenefitUpdate) -> Benefit:
    """Update a benefit."""
    return benefits.update(id, benefit_update)


# =========================================================================== delete-status


class Subscription(TimestampedSchema, IDSchema):
    """A recurring purchase of a product."""

    status: str = Field(description="Status of the subscription.", examples=["active"])


subscriptions = Repository(Subscription, [sample(Subscription)])


@router.get(
    "/v1/subscriptions/{id}",
    tags=["subscriptions"],
    summary="Get Subscription",
    response_model=Subscription,
    responses=not_found("Subscription"),
    dependencies=[read_scope("subscriptions")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_subscription(id: ID) -> Subscription:
    """Get a subscription."""
    return subscriptions.get(id)


# DEVIATION delete-status: a (soft) delete answering 200 with the object, not 204.
@router.delete(
    "/v1/subscriptions/{id}",
    tags=["subscriptions"],
    summary="Revoke Subscription",
    response_model=Subscription,
    responses=not_found("Subscription"),
    dependencies=[write_scope("subscriptions")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def revoke_subscription(id: ID) -> Subscription:
    """Revoke a subscription; the revoked subscription is returned."""
    return subscriptions.update(id, {"status": "revoked"})


# =========================================================================== validation-error-422


class Checkout(TimestampedSchema, IDSchema):
    """A checkout session."""

    amount: int = Field(description="Amount to pay, in cents.", examples=[1500])


class CheckoutCreate(Schema):
    """Data to open a checkout session."""

    amount: int = Field(gt=0, description="Amount to pay, in cents.", examples=[1500])


class BusinessError(Schema):
    """A business rule was violated."""

    error: str = Field(description="Error type.", examples=["AlreadyPaid"])
    message: str = Field(description="What went wrong.", examples=["The order is paid."])


checkouts = Repository(Checkout, [sample(Checkout)])


# DEVIATION validation-error-422: 422 documents a business error, not FastAPI's shape.
@router.post(
    "/v1/checkouts/",
    tags=["checkouts"],
    summary="Create Checkout",
    status_code=201,
    response_model=Checkout,
    responses={422: {"description": "Business rule violated.", "model": BusinessError}},
    dependencies=[write_scope("checkouts")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def create_checkout(checkout_create: CheckoutCreate) -> Checkout:
    """Open a checkout session."""
    return checkouts.add(
        Checkout(id=new_id(), created_at=now(), modified_at=None, **checkout_create.model_dump())
    )


@router.get(
    "/v1/checkouts/{id}",
    tags=["checkouts"],
    summary="Get Checkout",
    response_model=Checkout,
    responses=not_found("Checkout"),
    dependencies=[read_scope("checkouts")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_checkout(id: ID) -> Checkout:
    """Get a checkout session."""
    return checkouts.get(id)


# ================================================================= write-returns-read-schema


class Meter(TimestampedSchema, IDSchema):
    """A meter aggregating usage events."""

    name: str = name_field()
    aggregation: str = Field(description="How events are aggregated.", examples=["sum"])


class MeterSummary(Schema):
    """The ID and name of a meter."""

    id: UUID4 = Field(
        description="The meter ID.", examples=["1dbfc517-0bbf-4301-9ba8-555ca42b9737"]
    )
    name: str = name_field()


class MeterCreate(Schema):
    """Data to create a meter."""

    name: str = name_field()
    aggregation: str = Field(description="How events are aggregated.", examples=["sum"])


meters = Repository(Meter, [sample(Meter)])


# DEVIATION write-returns-read-schema: the create answers MeterSummary, the read Meter.
@router.post(
    "/v1/meters/",
    tags=["meters"],
    summary="Create Meter",
    status_code=201,
    response_model=MeterSummary,
    dependencies=[write_scope("meters")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def create_meter(meter_create: MeterCreate) -> MeterSummary:
    """Create a meter."""
    meter = meters.add(
        Meter(id=new_id(), created_at=now(), modified_at=None, **meter_create.model_dump())
    )
    return MeterSummary(id=meter.id, name=meter.name)


@router.get(
    "/v1/meters/{id}",
    tags=["meters"],
    summary="Get Meter",
    response_model=Meter,
    responses=not_found("Meter"),
    dependencies=[read_scope("meters")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_meter(id: ID) -> Meter:
    """Get a meter."""
    return meters.get(id)


# =========================================================================== list-envelope


class Payout(TimestampedSchema, IDSchema):
    """A payout to the organization's bank account."""

    amount: int = Field(description="Amount paid out, in cents.", examples=[10000])


class Transaction(TimestampedSchema, IDSchema):
    """A balance transaction."""

    amount: int = Field(description="Amount, in cents.", examples=[1500])


class TransactionPagination(Schema):
    """Pagination state of the transaction list."""

    total_count: int = Field(description="Number of items across all pages.", examples=[42])


class TransactionList(Schema):
    """A page of transactions."""

    items: list[Transaction] = Field(description="The items of this page.")
    pagination: TransactionPagination = Field(description="Pagination state of the list.")


payouts = Repository(Payout, [sample(Payout)])
transactions = Repository(Transaction, [sample(Transaction)])
PayoutSortProperty = sort_enum("PayoutSortProperty", ["created_at", "amount"])
TransactionSortProperty = sort_enum("TransactionSortProperty", ["created_at", "amount"])


# DEVIATION list-envelope: a bare array instead of `{items, pagination}`.
@router.get(
    "/v1/payouts/",
    tags=["payouts"],
    summary="List Payouts",
    response_model=list[Payout],
    dependencies=[read_scope("payouts")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def list_payouts(
    pagination: PaginationParamsQuery,
    sorting: Annotated[Sorting, Depends(sorting_dependency(PayoutSortProperty))],
) -> list[Payout]:
    """List payouts."""
    return payouts.page(pagination, sorting).items


# DEVIATION list-envelope: the pagination object has no `max_page`.
@router.get(
    "/v1/transactions/",
    tags=["transactions"],
    summary="List Transactions",
    response_model=TransactionList,
    dependencies=[read_scope("transactions")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def list_transactions(
    pagination: PaginationParamsQuery,
    sorting: Annotated[Sorting, Depends(sorting_dependency(TransactionSortProperty))],
) -> TransactionList:
    """List balance transactions."""
    page = transactions.page(pagination, sorting)
    return TransactionList(
        items=page.items,
        pagination=TransactionPagination(total_count=page.pagination.total_count),
    )


# =========================================================================== pagination-params


class File(TimestampedSchema, IDSchema):
    """A file uploaded by the organization."""

    name: str = name_field()


class Event(TimestampedSchema, IDSchema):
    """A usage event ingested for metering."""

    name: str = name_field()


files = Repository(File, [sample(File)])
events = Repository(Event, [sample(Event)])


# DEVIATION pagination-params: `offset` instead of `page`.
@router.get(
    "/v1/files/",
    tags=["files"],
    summary="List Files",
    response_model=ListResource[File],
    dependencies=[read_scope("files")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def list_files(
    sorting: Annotated[Sorting, sorting_by("File", "created_at", "name")],
    offset: Annotated[int, Query(ge=0, description="Number of items to skip.")] = 0,
    limit: Annotated[int, Query(gt=0, description="Size of a page, at most 100.")] = 10,
) -> ListResource[File]:
    """List files."""
    rows = files.page(PaginationParams(1, len(files.rows) or 1), sorting).items
    limit = min(limit, 100)
    return ListResource[File](
        items=rows[offset : offset + limit],
        pagination=Pagination(total_count=len(rows), max_page=math.ceil(len(rows) / limit)),
    )


# DEVIATION pagination-params: `limit` has no lower bound.
@router.get(
    "/v1/events/",
    tags=["events"],
    summary="List Events",
    response_model=ListResource[Event],
    dependencies=[read_scope("events")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def list_events(
    sorting: Annotated[Sorting, sorting_by("Event", "created_at", "name")],
    page: Annotated[int, Query(gt=0, description="Page number, defaults to 1.")] = 1,
    limit: Annotated[int, Query(description="Size of a page, defaults to 10.")] = 10,
) -> ListResource[Event]:
    """List usage events."""
    return events.page(PaginationParams(page, max(limit, 1)), sorting)


# =========================================================================== sorting-param


class Organization(TimestampedSchema, IDSchema):
    """An organization selling on the platform."""

    name: str = name_field()


class Member(TimestampedSchema, IDSchema):
    """A member of an organization."""

    email: str = Field(description="The member's email address.", examples=["jo@example.com"])


class MemberSortProperty(StrEnum):
    """Sort criteria of Member lists."""

    created_at = "created_at"
    desc_created_at = "-created_at"
    email = "email"  # DEVIATION sorting-param: no "-email" twin


organizations = Repository(Organization, [sample(Organization)])
members = Repository(Member, [sample(Member)])


# DEVIATION sorting-param: free-text `order_by` instead of `sorting`.
@router.get(
    "/v1/organizations/",
    tags=["organizations"],
    summary="List Organizations",
    response_model=ListResource[Organization],
    dependencies=[read_scope("organizations")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def list_organizations(
    pagination: PaginationParamsQuery,
    order_by: Annotated[
        str | None, Query(description="Field to order by, e.g. `name desc`.")
    ] = None,
) -> ListResource[Organization]:
    """List organizations."""
    field, _, direction = (order_by or "created_at desc").partition(" ")
    return organizations.page(pagination, [(field, direction == "desc")])


# DEVIATION sorting-param: MemberSortProperty has `email` but no `-email`.
@router.get(
    "/v1/members/",
    tags=["members"],
    summary="List Members",
    response_model=ListResource[Member],
    dependencies=[read_scope("members")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def list_members(
    pagination: PaginationParamsQuery,
    sorting: Annotated[Sorting, Depends(sorting_dependency(MemberSortProperty))],
) -> ListResource[Member]:
    """List members."""
    return members.page(pagination, sorting)


# =========================================================================== list-item-consistency


class LicenseKeyRead(TimestampedSchema, IDSchema):
    """A license key."""

    key: str = Field(description="The license key.", examples=["POLAR-1234"])


class LicenseKeyActivation(Schema):
    """An activation of a license key on a device."""

    label: str = Field(description="The device label.", examples=["laptop"])


class LicenseKeyWithActivations(LicenseKeyRead):
    """A license key and its activations."""

    activations: list[LicenseKeyActivation] = Field(description="Activations of the key.")


license_keys = Repository(
    LicenseKeyWithActivations, [sample(LicenseKeyWithActivations, activations=[])]
)
LicenseKeySortProperty = sort_enum("LicenseKeySortProperty", ["created_at", "key"])


# DEVIATION list-item-consistency: items are LicenseKeyRead, the read LicenseKeyWithActivations.
@router.get(
    "/v1/license-keys/",
    tags=["license_keys"],
    summary="List License Keys",
    response_model=ListResource[LicenseKeyRead],
    dependencies=[read_scope("license_keys")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def list_license_keys(
    pagination: PaginationParamsQuery,
    sorting: Annotated[Sorting, Depends(sorting_dependency(LicenseKeySortProperty))],
) -> ListResource[LicenseKeyRead]:
    """List license keys."""
    page = license_keys.page(pagination, sorting)
    items = [LicenseKeyRead.model_validate(key, from_attributes=True) for key in page.items]
    return ListResource[LicenseKeyRead](items=items, pagination=page.pagination)


@router.get(
    "/v1/license-keys/{id}",
    tags=["license_keys"],
    summary="Get License Key",
    response_model=LicenseKeyWithActivations,
    responses=not_found("License key"),
    dependencies=[read_scope("license_keys")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_license_key(id: ID) -> LicenseKeyWithActivations:
    """Get a license key with its activations."""
    return license_keys.get(id)


# =========================================================================== multi-value-filters


class Order(TimestampedSchema, IDSchema):
    """An order."""

    amount: int = Field(description="Amount paid, in cents.", examples=[1500])
    customer_id: CustomerID = Field(description="The ID of the customer who ordered.")


orders = Repository(Order, [sample(Order)])
OrderSortProperty = sort_enum("OrderSortProperty", ["created_at", "amount"])


# DEVIATION multi-value-filters: `customer_id` takes one value only.
@router.get(
    "/v1/orders/",
    tags=["orders"],
    summary="List Orders",
    response_model=ListResource[Order],
    dependencies=[read_scope("orders")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def list_orders(
    pagination: PaginationParamsQuery,
    sorting: Annotated[Sorting, Depends(sorting_dependency(OrderSortProperty))],
    customer_id: Annotated[UUID4 | None, Query(description="Filter by customer ID.")] = None,
) -> ListResource[Order]:
    """List orders."""
    return orders.page(pagination, sorting, customer_id=customer_id)


# =========================================================================== no-implicit-filters


class Product(TimestampedSchema, IDSchema):
    """A product."""

    name: str = name_field()
    active: bool = Field(description="Whether the product is on sale.", examples=[True])


products = Repository(Product, [sample(Product)])


# DEVIATION no-implicit-filters: `active` defaults to true, hiding inactive products.
@router.get(
    "/v1/products/",
    tags=["products"],
    summary="List Products",
    response_model=ListResource[Product],
    dependencies=[read_scope("products")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def list_products(
    pagination: PaginationParamsQuery,
    sorting: Annotated[Sorting, sorting_by("Product", "created_at", "name")],
    active: Annotated[bool, Query(description="Filter on products on sale.")] = True,
) -> ListResource[Product]:
    """List products."""
    return products.page(pagination, sorting, active=active)


# =========================================================================== organization-filter


class BenefitGrant(TimestampedSchema, IDSchema):
    """A benefit granted to a customer."""

    benefit_id: UUID4 = Field(
        description="The granted benefit.", examples=["2c9a7e0e-0f4c-4ac7-8d0b-1a3e5f7c9b21"]
    )
    organization_id: OrganizationID = Field(description="The organization granting it.")


benefit_grants = Repository(BenefitGrant, [sample(BenefitGrant)])
BenefitGrantSortProperty = sort_enum("BenefitGrantSortProperty", ["created_at"])


# DEVIATION organization-filter: items carry organization_id; no organization_id filter.
@router.get(
    "/v1/benefit-grants/",
    tags=["benefit_grants"],
    summary="List Benefit Grants",
    response_model=ListResource[BenefitGrant],
    dependencies=[read_scope("benefits")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def list_benefit_grants(
    pagination: PaginationParamsQuery,
    sorting: Annotated[Sorting, Depends(sorting_dependency(BenefitGrantSortProperty))],
    benefit_id: Annotated[
        MultipleQueryFilter[UUID4] | None,
        Query(title="BenefitID Filter", description="Filter by benefit ID."),
    ] = None,
) -> ListResource[BenefitGrant]:
    """List benefit grants."""
    return benefit_grants.page(pagination, sorting, benefit_id=benefit_id)


# =========================================================================== no-shape-params


class Refund(TimestampedSchema, IDSchema):
    """A refund of an order."""

    amount: int = Field(description="Amount refunded, in cents.", examples=[500])


refunds = Repository(Refund, [sample(Refund)])


# DEVIATION no-shape-params: `include` would embed related objects in the response.
@router.get(
    "/v1/refunds/{id}",
    tags=["refunds"],
    summary="Get Refund",
    response_model=Refund,
    responses=not_found("Refund"),
    dependencies=[read_scope("refunds")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_refund(
    id: ID,
    include: Annotated[
        str | None, Query(description="Related objects to embed, e.g. `order`.")
    ] = None,
) -> Refund:
    """Get a refund."""
    return refunds.get(id)


# =========================================================================== snake-case-fields


class Contact(TimestampedSchema, IDSchema):
    """A contact person of a customer."""

    firstName: str = Field(description="First name.", examples=["Ada"])  # DEVIATION: camelCase
    email: str = Field(description="Email address.", examples=["ada@example.com"])


contacts = Repository(Contact, [sample(Contact)])
ContactSortProperty = sort_enum("ContactSortProperty", ["created_at", "email"])


# DEVIATION snake-case-fields: the query parameter `emailDomain` is camelCase.
@router.get(
    "/v1/contacts/",
    tags=["contacts"],
    summary="List Contacts",
    response_model=ListResource[Contact],
    dependencies=[read_scope("contacts")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def list_contacts(
    pagination: PaginationParamsQuery,
    sorting: Annotated[Sorting, Depends(sorting_dependency(ContactSortProperty))],
    emailDomain: Annotated[
        str | None, Query(description="Filter by the domain of the email address.")
    ] = None,
) -> ListResource[Contact]:
    """List contacts."""

    def in_domain(contact: Contact) -> bool:
        return emailDomain is None or contact.email.endswith(f"@{emailDomain}")

    return contacts.page(pagination, sorting, where=in_domain)


@router.get(
    "/v1/contacts/{id}",
    tags=["contacts"],
    summary="Get Contact",
    response_model=Contact,
    responses=not_found("Contact"),
    dependencies=[read_scope("contacts")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_contact(id: ID) -> Contact:
    """Get a contact."""
    return contacts.get(id)


# =========================================================================== separate-write-schemas


class Note(TimestampedSchema, IDSchema):
    """A note attached to a customer."""

    text: str = Field(description="The note.", examples=["Prefers invoices in Danish."])


notes = Repository(Note, [sample(Note)])


# DEVIATION separate-write-schemas: the create body is Note, the read schema.
@router.post(
    "/v1/notes/",
    tags=["notes"],
    summary="Create Note",
    status_code=201,
    response_model=Note,
    dependencies=[write_scope("notes")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def create_note(note: Note) -> Note:
    """Create a note."""
    return notes.add(note.model_copy(update={"id": new_id(), "created_at": now()}))


@router.get(
    "/v1/notes/{id}",
    tags=["notes"],
    summary="Get Note",
    response_model=Note,
    responses=not_found("Note"),
    dependencies=[read_scope("notes")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_note(id: ID) -> Note:
    """Get a note."""
    return notes.get(id)


# =========================================================================== partial-update


class EventType(TimestampedSchema, IDSchema):
    """A type of usage event."""

    label: str = Field(description="Label shown in dashboards.", examples=["API calls"])


class EventTypeUpdate(Schema):
    """Changes to an event type."""

    label: str = Field(description="Label shown in dashboards.", examples=["API calls"])
    # DEVIATION partial-update: `label` above is required.


event_types = Repository(EventType, [sample(EventType)])


@router.get(
    "/v1/event-types/{id}",
    tags=["event_types"],
    summary="Get Event Type",
    response_model=EventType,
    responses=not_found("Event type"),
    dependencies=[read_scope("events")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_event_type(id: ID) -> EventType:
    """Get an event type."""
    return event_types.get(id)


# DEVIATION partial-update: EventTypeUpdate requires `label`.
@router.patch(
    "/v1/event-types/{id}",
    tags=["event_types"],
    summary="Update Event Type",
    response_model=EventType,
    responses=not_found("Event type"),
    dependencies=[write_scope("events")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def update_event_type(id: ID, event_type_update: EventTypeUpdate) -> EventType:
    """Update an event type."""
    return event_types.update(id, event_type_update)


# =========================================================================== timestamps


class Download(IDSchema):
    """A download of a file by a customer."""

    # DEVIATION timestamps: created_at without modified_at.
    created_at: datetime = Field(description="When the file was downloaded.")
    file_id: UUID4 = Field(
        description="The downloaded file.", examples=["6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"]
    )


class WebhookDelivery(IDSchema):
    """A delivery attempt of a webhook event."""

    # DEVIATION timestamps: created_at is a plain string, not a date-time.
    created_at: str = Field(
        description="When the delivery was attempted.", examples=["2025-01-01 12:00"]
    )
    modified_at: datetime | None = Field(description="Last modification timestamp.")
    succeeded: bool = Field(description="Whether the endpoint answered 2xx.", examples=[True])


downloads = Repository(Download, [sample(Download)])
webhook_deliveries = Repository(WebhookDelivery, [sample(WebhookDelivery)])


@router.get(
    "/v1/downloads/{id}",
    tags=["files"],
    summary="Get Download",
    response_model=Download,
    responses=not_found("Download"),
    dependencies=[read_scope("files")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_download(id: ID) -> Download:
    """Get a download."""
    return downloads.get(id)


@router.get(
    "/v1/webhook-deliveries/{id}",
    tags=["webhooks"],
    summary="Get Webhook Delivery",
    response_model=WebhookDelivery,
    responses=not_found("Webhook delivery"),
    dependencies=[read_scope("webhooks")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_webhook_delivery(id: ID) -> WebhookDelivery:
    """Get a webhook delivery attempt."""
    return webhook_deliveries.get(id)


# =========================================================================== schema-docs


class Attachment(Schema):
    # DEVIATION schema-docs: no docstring and no field descriptions.
    id: UUID4
    filename: str
    size: int


class LegacyBlob(Schema):
    # EXCUSED schema-docs: undocumented on purpose, excused inline for restcheck.
    model_config = ConfigDict(json_schema_extra={"x-restcheck-ignore": ["schema-docs"]})

    id: UUID4
    data: str


attachments = Repository(Attachment, [sample(Attachment)])
blobs = Repository(LegacyBlob, [sample(LegacyBlob)])


@router.get(
    "/v1/attachments/{id}",
    tags=["files"],
    summary="Get Attachment",
    response_model=Attachment,
    responses=not_found("Attachment"),
    dependencies=[read_scope("files")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_attachment(id: ID) -> Attachment:
    """Get an attachment."""
    return attachments.get(id)


@router.get(
    "/v1/blobs/{id}",
    tags=["files"],
    summary="Get Blob",
    response_model=LegacyBlob,
    responses=not_found("Blob"),
    dependencies=[read_scope("files")],
    openapi_extra=ADMIN_SUBJECTS,
)
async def get_blob(id: ID) -> LegacyBlob:
    """Get a blob stored by the old file API."""
    return blobs.get(id)


# =========================================================================== auth-subject


class Currency(Schema):
    """A currency the platform sells in."""

    code: str = Field(description="ISO 4217 code, lowercase.", examples=["usd"])
    decimals: int = Field(description="Digits after the decimal point.", examples=[2])


class AuditLog(TimestampedSchema, IDSchema):
    """A recorded administrative action."""

    action: str = Field(description="What was done.", examples=["product.archived"])


CURRENCIES = {"usd": Currency(code="usd", decimals=2), "jpy": Currency(code="jpy", decimals=0)}
audit_logs = Repository(AuditLog, [sample(AuditLog)])


# DEVIATION auth-subject: no security requirement (not even an explicit `security: []`) and
# no allowed subjects.
@router.get(
    "/v1/currencies/{code}",
    tags=["currencies"],
    summary="Get Currency",
    response_model=Currency,
    responses=not_found("Currency"),
)
async def get_currency(
    code: Annotated[str, Path(description="ISO 4217 code, lowercase.")],
) -> Currency:
    """Get a currency."""
    if code not in CURRENCIES:
        raise NotFoundError("Currency")
    return CURRENCIES[code]


# DEVIATION auth-subject: "Admin" is not one of Polar's subjects.
@router.get(
    "/v1/audit-logs/{id}",
    tags=["audit_logs"],
    summary="Get Audit Log",
    response_model=AuditLog,
    responses=not_found("Audit log"),
    dependencies=[read_scope("audit_logs")],
    openapi_extra=allowed_subjects("Admin"),
)
async def get_audit_log(id: ID) -> AuditLog:
    """Get an audit log entry."""
    return audit_logs.get(id)


# =========================================================================== app

app = create_app(
    title="Legacy API",
    summary="An example API in Polar's style with deliberate deviations",
    description="One deliberate deviation per guideline; see the table in specs/legacy/app.py.",
    version="2019-01",
)
app.include_router(router)
