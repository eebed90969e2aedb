export type { FormInput } from '@hatago/platform/input';
export type { ManagementContext } from './management-context.ts';
export { parseMonth, shiftMonth, daysOfMonth } from './month.ts';
export { MAX_RANGE_NIGHTS, type NightRange } from './night-range.ts';
export { getHotelProfile, updateHotelProfile, type HotelProfile } from './hotel-profile.ts';
export { listRoomTypes, getRoomType, createRoomType, updateRoomType, type ManagedRoomType, type RoomTypeInput } from './room-types.ts';
export { MEALS, listPlans, getPlan, createPlan, updatePlan, setPlanActive, type ManagedPlan, type PlanInput } from './rate-plans.ts';
export { setPlanPrices, planPriceMonth, MAX_NIGHTLY_PRICE, type PriceDay } from './plan-prices.ts';
export { setInventoryTotal, setStopSell, inventoryMonth, MAX_ROOMS_PER_NIGHT, type InventoryDay } from './room-inventory-admin.ts';
export {
  addHotelPhoto,
  deleteHotelPhoto,
  hotelImageOwner,
  HOTEL_PHOTOS_MAX,
  listHotelPhotos,
  moveHotelPhoto,
  updateHotelPhotoAlt,
  type HotelPhoto,
} from './hotel-photos.ts';
