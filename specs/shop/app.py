"""Shop: a small API that follows Polar's REST API guidelines everywhere.

restcheck must find nothing here (FastAPI's own `HTTPValidationError`/`ValidationError`
schemas aside). It covers the shapes a checker has to classify:

| shape            | paths                                                            |
|------------------|------------------------------------------------------------------|
| resources (CRUD) | `/v1/products/`, `/v1/products/{id}`                             |
|                  | `/v1/customers/`, `/v1/customers/{id}`                           |
| sub-resource     | `/v1/customers/{id}/addresses`, `.../addresses/{address_id}`     |
| list + read only | `/v1/orders/`, `/v1/orders/{id}`                                 |
| action           | `POST /v1/orders/{id}/refund` (202, answers the order)           |
| alternate key    | `GET /v1/customers/external/{external_id}`                       |
| namespace        | `/v1/customer-portal/orders/`, `/v1/customer-portal/orders/{id}` |
| singleton        | `GET`/`PATCH /v1/customer-portal/customers/me`                   |

Serve it with `uvicorn specs.shop.app:app` from the repository root; any bearer token is
accepted (`Authorization: Bearer anything`), no token gets 401.
"""

from enum import StrEnum
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Query
from pydantic import UUID4, Field

from specs.kit import (
    ADMIN,
    CUSTOMER,
    EPOCH,
    CustomerID,
    IDSchema,
    ListResource,
    MultipleQueryFilter,
    OrganizationID,
    PaginationParamsQuery,
    ProductID,
    Repository,
    Schema,
    Sorting,
    TimestampedSchema,
    admin_auth,
    allowed_subjects,
    create_app,
    customer_auth,
    new_id,
    not_found,
    now,
    sort_enum,
    sorting_dependency,
)

ORGANIZATION_ID = UUID("1dbfc517-0bbf-4301-9ba8-555ca42b9737")

# =========================================================================== products


class Product(TimestampedSchema, IDSchema):
    """A product that customers can buy."""

    name: str = Field(description="The name of the product.", examples=["Pro plan"])
    description: str | None = Field(
        description="The description of the product.", examples=["Everything in Pro."]
    )
    price_amount: int = Field(description="Price in cents.", examples=[1500])
    price_currency: str = Field(description="Currency of the price.", examples=["usd"])
    is_archived: bool = Field(description="Whether the product is archived.", examples=[False])
    organization_id: OrganizationID = Field(
        description="The ID of the organization owning the product."
    )


class ProductCreate(Schema):
    """Data to create a product."""

    name: str = Field(min_length=1, description="The name of the product.", examples=["Pro plan"])
    description: str | None = Field(
        default=None, description="The description of the product.", examples=["All of Pro."]
    )
    price_amount: int = Field(ge=0, description="Price in cents.", examples=[1500])
    price_currency: str = Field(default="usd", description="Currency.", examples=["usd"])
    organization_id: OrganizationID | None = Field(
        default=None,
        description="The organization owning the product. Required for the User subject.",
    )


class ProductUpdate(Schema):
    """Changes to a product; fields left out are kept."""

    name: str | None = Field(
        default=None, min_length=1, description="The name of the product.", examples=["Pro"]
    )
    description: str | None = Field(
        default=None, description="The description of the product.", examples=["All of Pro."]
    )
    price_amount: int | None = Field(
        default=None, ge=0, description="Price in cents.", examples=[1900]
    )
    is_archived: bool | None = Field(
        default=None, description="Archive or unarchive the product.", examples=[True]
    )


ProductSortProperty = sort_enum("ProductSortProperty", ["created_at", "name", "price_amount"])
ProductIDPath = Annotated[UUID4, Path(description="The product ID.")]

products = Repository(
    Product,
    [
        Product(
            id=UUID("d8dd2de1-21b7-4a41-8bc3-ce909c0cfe23"),
            created_at=EPOCH,
            modified_at=None,
            name="Pro plan",
            description="Everything in Pro.",
            price_amount=1500,
            price_currency="usd",
            is_archived=False,
            organization_id=ORGANIZATION_ID,
        )
    ],
)

product_router = APIRouter(prefix="/v1/products", tags=["products"])


@product_router.get(
    "/",
    summary="List Products",
    response_model=ListResource[Product],
    dependencies=[admin_auth("products:read")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def list_products(
    pagination: PaginationParamsQuery,
    sorting: Annotated[Sorting, Depends(sorting_dependency(ProductSortProperty))],
    organization_id: Annotated[
        MultipleQueryFilter[OrganizationID] | None,
        Query(title="OrganizationID Filter", description="Filter by organization ID."),
    ] = None,
    is_archived: Annotated[bool | None, Query(description="Filter on archived products.")] = None,
) -> ListResource[Product]:
    """List products."""
    return products.page(
        pagination, sorting, organization_id=organization_id, is_archived=is_archived
    )


@product_router.post(
    "/",
    summary="Create Product",
    status_code=201,
    response_model=Product,
    responses={201: {"description": "Product created."}},
    dependencies=[admin_auth("products:write")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def create_product(product_create: ProductCreate) -> Product:
    """Create a product."""
    data = product_create.model_dump()
    data["organization_id"] = data["organization_id"] or ORGANIZATION_ID
    return products.add(
        Product(id=new_id(), created_at=now(), modified_at=None, is_archived=False, **data)
    )


@product_router.get(
    "/{id}",
    summary="Get Product",
    response_model=Product,
    responses=not_found("Product"),
    dependencies=[admin_auth("products:read")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def get_product(id: ProductIDPath) -> Product:
    """Get a product by ID."""
    return products.get(id)


@product_router.patch(
    "/{id}",
    summary="Update Product",
    response_model=Product,
    responses={200: {"description": "Product updated."}, **not_found("Product")},
    dependencies=[admin_auth("products:write")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def update_product(id: ProductIDPath, product_update: ProductUpdate) -> Product:
    """Update a product."""
    return products.update(id, product_update)


@product_router.delete(
    "/{id}",
    summary="Delete Product",
    status_code=204,
    responses={204: {"description": "Product deleted."}, **not_found("Product")},
    dependencies=[admin_auth("products:write")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def delete_product(id: ProductIDPath) -> None:
    """Delete a product."""
    products.delete(id)


# =========================================================================== customers


class Customer(TimestampedSchema, IDSchema):
    """A customer of an organization."""

    email: str = Field(
        description="The email address of the customer.", examples=["customer@example.com"]
    )
    name: str | None = Field(description="The name of the customer.", examples=["John Doe"])
    external_id: str | None = Field(
        description="The ID of the customer in your system.", examples=["usr_1337"]
    )
    organization_id: OrganizationID = Field(
        description="The ID of the organization owning the customer."
    )


class CustomerCreate(Schema):
    """Data to create a customer."""

    email: str = Field(
        description="The email address of the customer.", examples=["customer@example.com"]
    )
    name: str | None = Field(
        default=None, description="The name of the customer.", examples=["John Doe"]
    )
    external_id: str | None = Field(
        default=None,
        description="The ID of the customer in your system. It can't be changed once set.",
        examples=["usr_1337"],
    )
    organization_id: OrganizationID | None = Field(
        default=None,
        description="The organization owning the customer. Required for the User subject.",
    )


class CustomerUpdate(Schema):
    """Changes to a customer; fields left out are kept."""

    email: str | None = Field(
        default=None,
        description="The email address of the customer.",
        examples=["customer@example.com"],
    )
    name: str | None = Field(
        default=None, description="The name of the customer.", examples=["John Doe"]
    )


CustomerSortProperty = sort_enum("CustomerSortProperty", ["created_at", "email", "name"])
CustomerIDPath = Annotated[UUID4, Path(description="The customer ID.")]

CUSTOMER_ID = UUID("992fae2a-2a17-4b7a-8d9e-e287cf90131b")
customers = Repository(
    Customer,
    [
        Customer(
            id=CUSTOMER_ID,
            created_at=EPOCH,
            modified_at=None,
            email="customer@example.com",
            name="John Doe",
            external_id="usr_1337",
            organization_id=ORGANIZATION_ID,
        )
    ],
)

customer_router = APIRouter(prefix="/v1/customers", tags=["customers"])


@customer_router.get(
    "/",
    summary="List Customers",
    response_model=ListResource[Customer],
    dependencies=[admin_auth("customers:read")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def list_customers(
    pagination: PaginationParamsQuery,
    sorting: Annotated[Sorting, Depends(sorting_dependency(CustomerSortProperty))],
    organization_id: Annotated[
        MultipleQueryFilter[OrganizationID] | None,
        Query(title="OrganizationID Filter", description="Filter by organization ID."),
    ] = None,
    email: Annotated[str | None, Query(description="Filter by exact email.")] = None,
) -> ListResource[Customer]:
    """List customers."""
    return customers.page(pagination, sorting, organization_id=organization_id, email=email)


@customer_router.post(
    "/",
    summary="Create Customer",
    status_code=201,
    response_model=Customer,
    responses={201: {"description": "Customer created."}},
    dependencies=[admin_auth("customers:write")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def create_customer(customer_create: CustomerCreate) -> Customer:
    """Create a customer."""
    data = customer_create.model_dump()
    data["organization_id"] = data["organization_id"] or ORGANIZATION_ID
    return customers.add(Customer(id=new_id(), created_at=now(), modified_at=None, **data))


@customer_router.get(
    "/external/{external_id}",
    summary="Get Customer by External ID",
    response_model=Customer,
    responses=not_found("Customer"),
    dependencies=[admin_auth("customers:read")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def get_customer_external(
    external_id: Annotated[str, Path(description="The customer external ID.")],
) -> Customer:
    """Get a customer by the ID it has in your system."""
    return customers.find(external_id=external_id)


@customer_router.get(
    "/{id}",
    summary="Get Customer",
    response_model=Customer,
    responses=not_found("Customer"),
    dependencies=[admin_auth("customers:read")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def get_customer(id: CustomerIDPath) -> Customer:
    """Get a customer by ID."""
    return customers.get(id)


@customer_router.patch(
    "/{id}",
    summary="Update Customer",
    response_model=Customer,
    responses={200: {"description": "Customer updated."}, **not_found("Customer")},
    dependencies=[admin_auth("customers:write")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def update_customer(id: CustomerIDPath, customer_update: CustomerUpdate) -> Customer:
    """Update a customer."""
    return customers.update(id, customer_update)


@customer_router.delete(
    "/{id}",
    summary="Delete Customer",
    status_code=204,
    responses={204: {"description": "Customer deleted."}, **not_found("Customer")},
    dependencies=[admin_auth("customers:write")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def delete_customer(id: CustomerIDPath) -> None:
    """Delete a customer and their addresses."""
    customers.delete(id)
    for address in addresses.select(customer_id=id):
        addresses.delete(address.id)


# =========================================================================== addresses
# A sub-resource: a collection under a customer, its items named by `{address_id}`.


class Address(TimestampedSchema, IDSchema):
    """A postal address of a customer."""

    customer_id: CustomerID = Field(description="The ID of the customer at this address.")
    line1: str = Field(description="Street and number.", examples=["Nørrebrogade 1"])
    line2: str | None = Field(description="Apartment, floor, etc.", examples=["3. th."])
    postal_code: str = Field(description="Postal code.", examples=["2200"])
    city: str = Field(description="City.", examples=["København"])
    country: str = Field(description="ISO 3166-1 alpha-2 country code.", examples=["DK"])


class AddressCreate(Schema):
    """Data to add an address to a customer."""

    line1: str = Field(description="Street and number.", examples=["Nørrebrogade 1"])
    line2: str | None = Field(
        default=None, description="Apartment, floor, etc.", examples=["3. th."]
    )
    postal_code: str = Field(description="Postal code.", examples=["2200"])
    city: str = Field(description="City.", examples=["København"])
    country: str = Field(
        min_length=2, max_length=2, description="ISO 3166-1 alpha-2 code.", examples=["DK"]
    )


class AddressUpdate(Schema):
    """Changes to an address; fields left out are kept."""

    line1: str | None = Field(
        default=None, description="Street and number.", examples=["Nørrebrogade 2"]
    )
    line2: str | None = Field(
        default=None, description="Apartment, floor, etc.", examples=["4. tv."]
    )
    postal_code: str | None = Field(default=None, description="Postal code.", examples=["2200"])
    city: str | None = Field(default=None, description="City.", examples=["København"])
    country: str | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="ISO 3166-1 alpha-2 code.",
        examples=["DK"],
    )


AddressSortProperty = sort_enum("AddressSortProperty", ["created_at", "city"])
AddressIDPath = Annotated[UUID4, Path(description="The address ID.")]

addresses = Repository(
    Address,
    [
        Address(
            id=UUID("5b4ba1a9-6a3c-4d0e-9f3c-2b8f0e6a1c11"),
            created_at=EPOCH,
            modified_at=None,
            customer_id=CUSTOMER_ID,
            line1="Nørrebrogade 1",
            line2=None,
            postal_code="2200",
            city="København",
            country="DK",
        )
    ],
)


def _customer_address(id: UUID, address_id: UUID) -> Address:
    customers.get(id)
    return addresses.find(id=address_id, customer_id=id)


@customer_router.get(
    "/{id}/addresses",
    summary="List Customer Addresses",
    response_model=ListResource[Address],
    responses=not_found("Customer"),
    dependencies=[admin_auth("customers:read")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def list_addresses(
    id: CustomerIDPath,
    pagination: PaginationParamsQuery,
    sorting: Annotated[Sorting, Depends(sorting_dependency(AddressSortProperty))],
) -> ListResource[Address]:
    """List the addresses of a customer."""
    customers.get(id)
    return addresses.page(pagination, sorting, customer_id=id)


@customer_router.post(
    "/{id}/addresses",
    summary="Create Customer Address",
    status_code=201,
    response_model=Address,
    responses={201: {"description": "Address created."}, **not_found("Customer")},
    dependencies=[admin_auth("customers:write")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def create_address(id: CustomerIDPath, address_create: AddressCreate) -> Address:
    """Add an address to a customer."""
    customers.get(id)
    return addresses.add(
        Address(
            id=new_id(),
            created_at=now(),
            modified_at=None,
            customer_id=id,
            **address_create.model_dump(),
        )
    )


@customer_router.get(
    "/{id}/addresses/{address_id}",
    summary="Get Customer Address",
    response_model=Address,
    responses=not_found("Address"),
    dependencies=[admin_auth("customers:read")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def get_address(id: CustomerIDPath, address_id: AddressIDPath) -> Address:
    """Get an address of a customer."""
    return _customer_address(id, address_id)


@customer_router.patch(
    "/{id}/addresses/{address_id}",
    summary="Update Customer Address",
    response_model=Address,
    responses={200: {"description": "Address updated."}, **not_found("Address")},
    dependencies=[admin_auth("customers:write")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def update_address(
    id: CustomerIDPath, address_id: AddressIDPath, address_update: AddressUpdate
) -> Address:
    """Update an address of a customer."""
    return addresses.update(_customer_address(id, address_id).id, address_update)


@customer_router.delete(
    "/{id}/addresses/{address_id}",
    summary="Delete Customer Address",
    status_code=204,
    responses={204: {"description": "Address deleted."}, **not_found("Address")},
    dependencies=[admin_auth("customers:write")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def delete_address(id: CustomerIDPath, address_id: AddressIDPath) -> None:
    """Remove an address from a customer."""
    addresses.delete(_customer_address(id, address_id).id)


# =========================================================================== orders
# Orders are created by checkouts, not through this API: list, read and one action.


class OrderStatus(StrEnum):
    """Status of an order."""

    pending = "pending"
    paid = "paid"
    refunded = "refunded"
    partially_refunded = "partially_refunded"


class Order(TimestampedSchema, IDSchema):
    """An order: a product bought by a customer."""

    status: OrderStatus = Field(description="Status of the order.", examples=["paid"])
    amount: int = Field(description="Amount paid, in cents.", examples=[1500])
    refunded_amount: int = Field(description="Amount refunded, in cents.", examples=[0])
    currency: str = Field(description="Currency of the amounts.", examples=["usd"])
    customer_id: CustomerID = Field(description="The ID of the customer who ordered.")
    product_id: ProductID = Field(description="The ID of the product ordered.")
    organization_id: OrganizationID = Field(
        description="The ID of the organization that sold the order."
    )


class OrderRefund(Schema):
    """A refund of all or part of an order."""

    amount: int = Field(gt=0, description="Amount to refund, in cents.", examples=[500])
    reason: str | None = Field(
        default=None, description="Why the order is refunded.", examples=["Duplicate charge."]
    )


OrderSortProperty = sort_enum("OrderSortProperty", ["created_at", "amount", "status"])
OrderIDPath = Annotated[UUID4, Path(description="The order ID.")]

ORDER_ID = UUID("8f2b8c1e-3f0a-4c9d-b6a1-0e5d7c4b2a10")
orders = Repository(
    Order,
    [
        Order(
            id=ORDER_ID,
            created_at=EPOCH,
            modified_at=None,
            status=OrderStatus.paid,
            amount=1500,
            refunded_amount=0,
            currency="usd",
            customer_id=CUSTOMER_ID,
            product_id=UUID("d8dd2de1-21b7-4a41-8bc3-ce909c0cfe23"),
            organization_id=ORGANIZATION_ID,
        )
    ],
)

OrderStatusFilter = Annotated[
    list[OrderStatus] | None, Query(description="Filter by status; repeat to match any.")
]

order_router = APIRouter(prefix="/v1/orders", tags=["orders"])


@order_router.get(
    "/",
    summary="List Orders",
    response_model=ListResource[Order],
    dependencies=[admin_auth("orders:read")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def list_orders(
    pagination: PaginationParamsQuery,
    sorting: Annotated[Sorting, Depends(sorting_dependency(OrderSortProperty))],
    organization_id: Annotated[
        MultipleQueryFilter[OrganizationID] | None,
        Query(title="OrganizationID Filter", description="Filter by organization ID."),
    ] = None,
    customer_id: Annotated[
        MultipleQueryFilter[CustomerID] | None,
        Query(title="CustomerID Filter", description="Filter by customer ID."),
    ] = None,
    product_id: Annotated[
        MultipleQueryFilter[ProductID] | None,
        Query(title="ProductID Filter", description="Filter by product ID."),
    ] = None,
    status: OrderStatusFilter = None,
) -> ListResource[Order]:
    """List orders."""
    return orders.page(
        pagination,
        sorting,
        organization_id=organization_id,
        customer_id=customer_id,
        product_id=product_id,
        status=status,
    )


@order_router.get(
    "/{id}",
    summary="Get Order",
    response_model=Order,
    responses=not_found("Order"),
    dependencies=[admin_auth("orders:read")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def get_order(id: OrderIDPath) -> Order:
    """Get an order by ID."""
    return orders.get(id)


@order_router.post(
    "/{id}/refund",
    summary="Refund Order",
    status_code=202,
    response_model=Order,
    responses={
        202: {"description": "Refund accepted; the order is returned."},
        **not_found("Order"),
    },
    dependencies=[admin_auth("orders:write")],
    openapi_extra=allowed_subjects(*ADMIN),
)
async def refund_order(id: OrderIDPath, order_refund: OrderRefund) -> Order:
    """Refund all or part of an order (an action, not a create)."""
    order = orders.get(id)
    refunded = min(order.amount, order.refunded_amount + order_refund.amount)
    status = OrderStatus.refunded if refunded == order.amount else OrderStatus.partially_refunded
    return orders.update(id, {"refunded_amount": refunded, "status": status})


# =========================================================================== customer portal
# A namespace: `customer-portal` only groups the paths a customer may call on their own data.


class CustomerOrder(TimestampedSchema, IDSchema):
    """An order, as its customer sees it."""

    status: OrderStatus = Field(description="Status of the order.", examples=["paid"])
    amount: int = Field(description="Amount paid, in cents.", examples=[1500])
    currency: str = Field(description="Currency of the amount.", examples=["usd"])
    product_id: ProductID = Field(description="The ID of the product ordered.")


class CustomerPortalCustomer(TimestampedSchema, IDSchema):
    """The authenticated customer."""

    email: str = Field(
        description="The email address of the customer.", examples=["customer@example.com"]
    )
    name: str | None = Field(description="The name of the customer.", examples=["John Doe"])


class CustomerPortalCustomerUpdate(Schema):
    """Changes the customer makes to their own profile; fields left out are kept."""

    name: str | None = Field(
        default=None, description="The name of the customer.", examples=["Jane Doe"]
    )


CustomerOrderSortProperty = sort_enum("CustomerOrderSortProperty", ["created_at", "amount"])

portal_router = APIRouter(prefix="/v1/customer-portal", tags=["customer_portal"])


def _customer_order(order: Order) -> CustomerOrder:
    return CustomerOrder.model_validate(order, from_attributes=True)


@portal_router.get(
    "/orders/",
    summary="List Customer Orders",
    response_model=ListResource[CustomerOrder],
    dependencies=[customer_auth("customer_portal:read")],
    openapi_extra=allowed_subjects(*CUSTOMER),
)
async def list_customer_orders(
    pagination: PaginationParamsQuery,
    sorting: Annotated[Sorting, Depends(sorting_dependency(CustomerOrderSortProperty))],
    product_id: Annotated[
        MultipleQueryFilter[ProductID] | None,
        Query(title="ProductID Filter", description="Filter by product ID."),
    ] = None,
    status: OrderStatusFilter = None,
) -> ListResource[CustomerOrder]:
    """List the orders of the authenticated customer."""
    page = orders.page(
        pagination, sorting, customer_id=CUSTOMER_ID, product_id=product_id, status=status
    )
    return ListResource[CustomerOrder](
        items=[_customer_order(order) for order in page.items], pagination=page.pagination
    )


@portal_router.get(
    "/orders/{id}",
    summary="Get Customer Order",
    response_model=CustomerOrder,
    responses=not_found("Order"),
    dependencies=[customer_auth("customer_portal:read")],
    openapi_extra=allowed_subjects(*CUSTOMER),
)
async def get_customer_order(id: OrderIDPath) -> CustomerOrder:
    """Get an order of the authenticated customer."""
    return _customer_order(orders.find(id=id, customer_id=CUSTOMER_ID))


def _me() -> CustomerPortalCustomer:
    return CustomerPortalCustomer.model_validate(customers.get(CUSTOMER_ID), from_attributes=True)


@portal_router.get(
    "/customers/me",
    summary="Get Authenticated Customer",
    response_model=CustomerPortalCustomer,
    dependencies=[customer_auth("customer_portal:read")],
    openapi_extra=allowed_subjects(*CUSTOMER),
)
async def get_me() -> CustomerPortalCustomer:
    """Get the authenticated customer (a singleton: no `{id}`)."""
    return _me()


@portal_router.patch(
    "/customers/me",
    summary="Update Authenticated Customer",
    response_model=CustomerPortalCustomer,
    responses={200: {"description": "Customer updated."}},
    dependencies=[customer_auth("customer_portal:write")],
    openapi_extra=allowed_subjects(*CUSTOMER),
)
async def update_me(update: CustomerPortalCustomerUpdate) -> CustomerPortalCustomer:
    """Update the authenticated customer's profile."""
    customers.update(CUSTOMER_ID, update)
    return _me()


# =========================================================================== app

app = create_app(
    title="Shop API",
    summary="A conforming example API in Polar's style",
    description="Follows Polar's REST API guidelines everywhere; restcheck's reference.",
    version="2025-01",
)
for router in (product_router, customer_router, order_router, portal_router):
    app.include_router(router)
